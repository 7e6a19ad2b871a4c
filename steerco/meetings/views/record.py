"""PLACEHOLDER: being written now; every function here is replaced before the commit."""

from django.http import Http404


def attendance(request, *args, **kwargs):
    raise Http404


def action_create(request, *args, **kwargs):
    raise Http404


def previous_approve(request, *args, **kwargs):
    raise Http404


def forward(request, *args, **kwargs):
    raise Http404


def declaration_create(request, *args, **kwargs):
    raise Http404


def withdrawal_create(request, *args, **kwargs):
    raise Http404


def decision_create(request, *args, **kwargs):
    raise Http404


def item_minutes(request, *args, **kwargs):
    raise Http404


def action_update(request, *args, **kwargs):
    raise Http404


def decision_list(request, *args, **kwargs):
    raise Http404
