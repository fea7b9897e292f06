from .cli import main

if __name__ == "__main__":  # importing it (doctest collection) must not run the CLI
    main(prog_name="hedgeometer")
