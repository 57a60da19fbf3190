from django.http import Http404


def find(request, **kwargs):
    raise Http404


def identify_new(request, **kwargs):
    raise Http404


def person(request, **kwargs):
    raise Http404


def identify_existing(request, **kwargs):
    raise Http404


def break_glass(request, **kwargs):
    raise Http404
