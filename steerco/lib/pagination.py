"""Long lists a page at a time, shown with the GOV.UK pagination component."""

from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """The context `includes/pagination.html` reads: the page, its numbers and the ellipsis."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    elided = paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "page": page,
        "page_range": elided if paginator.num_pages > 1 else [],
        "ellipsis": Paginator.ELLIPSIS,
    }
