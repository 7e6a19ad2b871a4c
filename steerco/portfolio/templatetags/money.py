"""Money and per cents as the portfolio pages show them: £1,234,567 and 12.5%."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

from steerco.portfolio.rules.finance import label

register = template.Library()


@register.filter
def pounds(value):
    """Whole pounds with thousands separated, a minus sign for a negative amount."""
    if value is None or value == "":
        return "–"
    rounded = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "−" if rounded < 0 else ""
    return f"{sign}£{abs(rounded):,}"


@register.filter
def amount(value):
    """Pounds and pence with thousands separated, the pence left out of a whole amount: as
    `floatformat:"-2g"` writes it, without its locale machinery (a benefits page has hundreds)."""
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole = rounded.to_integral_value()
    return f"{whole:,}" if rounded == whole else f"{rounded:,}"


@register.filter
def per_cent(value, places=1):
    if value is None or value == "":
        return "–"
    step = Decimal(1).scaleb(-int(places))
    rounded = Decimal(value).quantize(step, rounding=ROUND_HALF_UP)
    sign = "−" if rounded < 0 else ""
    return f"{sign}{abs(rounded)}%"


@register.filter
def ratio(value, places=2):
    if value is None or value == "":
        return "–"
    step = Decimal(1).scaleb(-int(places))
    return f"{Decimal(value).quantize(step, rounding=ROUND_HALF_UP)}"


@register.filter
def decimal(value, places=2):
    if value is None or value == "":
        return "–"
    step = Decimal(1).scaleb(-int(places))
    return f"{Decimal(value).quantize(step, rounding=ROUND_HALF_UP)}"


@register.filter
def financial_year(year):
    return label(int(year))
