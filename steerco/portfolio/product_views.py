from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from steerco import permissions
from steerco.lib import exports
from steerco.lib.dates import today
from steerco.lib.forms import form_page, posted, run_action
from steerco.lib.pagination import paginate
from steerco.portfolio import actions, impact
from steerco.portfolio.access import (
    get_product_for,
    get_product_use_for,
    require_portfolio_manager,
)
from steerco.portfolio.forms import (
    DuplicateCheckForm,
    EndProductUseForm,
    ProductForm,
    ProductUseForm,
)
from steerco.portfolio.models import Product, ProductUse


def catalogue_url(organisation):
    return reverse("portfolio:products", kwargs={"org": organisation.slug})


@require_GET
def catalogue(request, download=None):
    organisation = request.organisation
    products = impact.catalogue(organisation)
    if download:
        return exports.download(
            ["Name", "Kind", "Supplier", "Projects using it", "Introducing it", "Retiring it"],
            [
                [
                    product.name,
                    product.get_kind_display(),
                    product.supplier,
                    product.uses_count,
                    product.introduces_count,
                    product.retires_count,
                ]
                for product in products
            ],
            file_type=download,
            name=f"{organisation.slug}-products-and-platforms",
            title="Products and platforms",
        )
    return render(
        request,
        "portfolio/products.html",
        {
            "can_manage": permissions.can_manage_portfolio(request.user, organisation, today()),
            "downloads": exports.links(request, "portfolio:products", org=organisation.slug),
            **paginate(request, products, 50),
        },
    )


@require_GET
def product_detail(request, product_pk, download=None):
    """A product and the projects that use it, a page at a time; `download` ("csv", "xlsx")
    gives every one of them."""
    product = get_product_for(request, product_pk)
    if download:
        return exports.download(
            ["Project", "What it does with it"],
            [
                [f"{use.project.reference} {use.project.name}", use.get_use_display()]
                for use in impact.product_uses(product)
            ],
            file_type=download,
            name=f"{request.organisation.slug}-product-{product.pk}-uses",
            title="Projects using it",
        )
    return render(
        request,
        "portfolio/product_detail.html",
        {
            "product": product,
            "can_manage": permissions.can_manage_portfolio(
                request.user, request.organisation, today()
            ),
            "ended": impact.ended_uses(ProductUse.objects.filter(product=product)),
            **paginate(request, impact.product_uses(product), 50),
            "downloads": exports.links(
                request,
                "portfolio:product-detail",
                org=request.organisation.slug,
                product_pk=product.pk,
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def product_use_end(request, use_pk):
    declaration = get_product_use_for(request, use_pk, manage=True)
    back = reverse(
        "portfolio:product-detail",
        kwargs={"org": request.organisation.slug, "product_pk": declaration.product_id},
    )
    if not declaration.is_current:
        messages.error(
            request,
            f"This use already ended on {declaration.ended_on:%-d %B %Y}: "
            f"{declaration.ended_reason}",
        )
        return redirect(back)
    form = EndProductUseForm(posted(request), initial={"on": today()})
    if form.is_valid() and run_action(
        form,
        actions.end_product_use,
        declaration=declaration,
        by=request.user,
        **form.cleaned_data,
    ):
        messages.success(request, f"Ended: {declaration}. It stays among the ended uses.")
        return redirect(back)
    return form_page(
        request,
        form,
        title="End this use",
        caption=str(declaration),
        intro="The use is not deleted: the product's and the project's pages list it among the "
        "ended uses, with when and why. The project can declare the product again later.",
        submit_label="End the use",
        back_url=back,
    )


@require_http_methods(["GET", "POST"])
def product_create(request):
    organisation = request.organisation
    require_portfolio_manager(request)
    form = ProductForm(posted(request), instance=Product(organisation=organisation))
    if form.is_valid() and run_action(
        form, actions.save_product, product=form.instance, by=request.user
    ):
        messages.success(request, f"{form.instance.name} added to the catalogue.")
        return redirect(catalogue_url(organisation))
    return form_page(
        request,
        form,
        title="Add a product or platform",
        submit_label="Add to the catalogue",
        back_url=catalogue_url(organisation),
    )


@require_http_methods(["GET", "POST"])
def product_use_create(request):
    organisation = request.organisation
    require_portfolio_manager(request)
    initial = {key: request.GET[key] for key in ("project", "product") if key in request.GET}
    form = ProductUseForm(posted(request), organisation=organisation, initial=initial)
    if form.is_valid() and run_action(
        form, actions.declare_product_use, by=request.user, **form.cleaned_data
    ):
        use = form.cleaned_data
        messages.success(
            request,
            f"Recorded: {use['project'].reference} {use['use']} {use['product'].name}.",
        )
        return redirect(catalogue_url(organisation))
    return form_page(
        request,
        form,
        title="Declare a project's use of a product or platform",
        intro="Say which products and platforms a project uses, introduces or retires, so the "
        "steering group sees where they overlap.",
        submit_label="Save",
        back_url=catalogue_url(organisation),
    )


@require_GET
def duplicate_check(request):
    """Before a project is registered: the council's projects with a similar name or the same
    products and platforms. Served whole, or only its results for an htmx request from the
    registration form."""
    organisation = request.organisation
    form = DuplicateCheckForm(request.GET or None, organisation=organisation)
    matches = None
    if form.is_valid():
        matches = impact.possible_duplicates(
            organisation,
            form.cleaned_data["name"],
            form.cleaned_data["products"],
            limit=impact.DUPLICATES_SHOWN,
        )
    template = "portfolio/duplicate_check.html"
    if request.headers.get("HX-Request"):
        template += "#duplicates"
    return render(
        request, template, {"form": form, "matches": matches, "limit": impact.DUPLICATES_SHOWN}
    )
