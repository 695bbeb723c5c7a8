from litcheck.cli import main

main()
