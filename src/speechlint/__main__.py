from speechlint.cli import main

raise SystemExit(main())
