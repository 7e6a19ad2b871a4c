"""Where to open the file a forwarding sent.

The documents app writes and keeps that file (the meeting cycle may not import it) and registers,
in its `AppConfig.ready()`, a finder: a function of the forwardings, the reader and the day that
returns the address of each file the reader may open, by forwarding id.
"""

_finders = []


def register_finder(finder):
    _finders[:] = [finder]


def attach_sent_files(forwardings, user, on):
    """Sets `sent_file_url` on each forwarding: the address of the file sent, or None."""
    forwardings = list(forwardings)
    found = _finders[0](forwardings, user, on) if _finders and forwardings else {}
    for forwarding in forwardings:
        forwarding.sent_file_url = found.get(forwarding.pk)
    return forwardings
