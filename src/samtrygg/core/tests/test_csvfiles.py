from samtrygg.core.csvfiles import RepeatedRows


def test_a_repeated_key_is_refused_naming_its_first_row() -> None:
    repeated = RepeatedRows(field="year", message="the same area and year as row %(row)d.")
    assert repeated.check(("A", 2024), 2) is None
    assert repeated.check(("B", 2024), 3) is None
    error = repeated.check(("A", 2024), 5)
    assert error is not None
    assert (error.row, error.field, error.message) == (
        5,
        "year",
        "the same area and year as row 2.",
    )
    # A third time still names the first row, not the second.
    again = repeated.check(("A", 2024), 7)
    assert again is not None and again.message == "the same area and year as row 2."
