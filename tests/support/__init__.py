"""What the tests and benchmarks need around them and the site does not: a Chromium, a throwaway PostgreSQL,
an HTTP load generator. Imported as ``tests.support`` (the repository root on ``sys.path``).

    python -m tests.support.chromium    print Chromium's path, installing it (and a Korean font) if needed
    python -m tests.support.postgres    print PostgreSQL's binaries' folder, installing it if needed
"""
