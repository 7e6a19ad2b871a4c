"""The addresses of a page's many rows, reversed once for the page rather than once a row:
a `{% url %}` per row of a list of hundreds is much of a page's time."""

from django.urls import reverse

# The row's id in the one address reversed: a number no row has, between slashes.
MARK = 2147483647


class Address:
    """`Address("strategy:kpi", "kpi_pk", org=slug).of(pk)` is `reverse("strategy:kpi",
    kwargs={"org": slug, "kpi_pk": pk})`."""

    def __init__(self, name, parameter, **kwargs):
        address = reverse(name, kwargs={**kwargs, parameter: MARK})
        self.before, self.after = address.rsplit(f"/{MARK}/", 1)

    def of(self, pk):
        return f"{self.before}/{pk}/{self.after}"
