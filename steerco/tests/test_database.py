from django.db import connection


def test_the_suite_runs_on_the_database_it_was_asked_for(request, db):
    expected = "postgresql" if request.config.getoption("--postgresql") else "sqlite"

    assert connection.vendor == expected
