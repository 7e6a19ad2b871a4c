"""Long lists a page at a time, shown with the GOV.UK pagination component."""

from django.core.paginator import Paginator


def paginate(request, items, per_page, number=None):
    """The context `includes/pagination.html` reads: the page, its numbers and the ellipsis.
    The page is `number` when given, else the one the address asks for."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(number or request.GET.get("page"))
    elided = paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "page": page,
        "page_range": elided if paginator.num_pages > 1 else [],
        "ellipsis": Paginator.ELLIPSIS,
    }
