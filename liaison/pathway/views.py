from django.http import Http404


def worklist(request, **kwargs):
    raise Http404


def scheme_open(request, **kwargs):
    raise Http404


def episode(request, **kwargs):
    raise Http404


def screen(request, **kwargs):
    raise Http404


def assess(request, **kwargs):
    raise Http404


def refer(request, **kwargs):
    raise Http404


def close(request, **kwargs):
    raise Http404


def reopen(request, **kwargs):
    raise Http404


def reenter(request, **kwargs):
    raise Http404


def note(request, **kwargs):
    raise Http404


def void(request, **kwargs):
    raise Http404
