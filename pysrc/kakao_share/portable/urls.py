"""The web-URL rule (what ``WebUrl`` accepts) and reading a URL against a page's address.

The only links a message may carry are absolute ``http``/``https`` URLs with a host: nothing a
browser would read differently (no whitespace, control characters or backslashes anywhere; a
browser reads a backslash as ``/``, so ``https://good.com\\@evil.com`` would go to evil.com).
:func:`join` reads a relative URL as a browser reads ``href`` (RFC 3986 resolution).
"""

from .text import ascii_lower

__all__ = ["WEB_URL_FIX", "describe_bad_url", "has_scheme", "hostname", "is_web_url", "join"]

#: How to fix a link the rule refuses.
WEB_URL_FIX = "use a full address such as https://example.com/page (percent-encode spaces as %20)"

_FORBIDDEN_SCHEMES = ("javascript", "data", "vbscript", "file", "blob")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")


#: Control characters and space, which a browser strips from both ends of a URL.
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def _unsafe(url: str) -> bool:
    """Has control characters, spaces, DEL or a backslash: never part of a web URL."""
    return bool(url) and (min(url) <= " " or "\x7f" in url or "\\" in url)  # min and in run in C on MicroPython too


def _authority_end(url: str, start: int) -> int:
    ends = [at for at in (url.find("/", start), url.find("?", start), url.find("#", start)) if at >= 0]
    return min(ends) if ends else len(url)


def _host_and_port(text: str) -> bool:
    if text.startswith("["):
        close = text.find("]")
        inside = text[1:close]
        if close < 0 or not inside or any(ch not in "0123456789abcdefABCDEF:." for ch in inside):
            return False
        port = text[close + 1 :]
    else:
        colon = text.find(":")
        host, port = (text, "") if colon < 0 else (text[:colon], text[colon:])
        if not host or "[" in host or "]" in host:
            return False
    return not port or (port[0] == ":" and all("0" <= ch <= "9" for ch in port[1:]))


def is_web_url(value: str) -> bool:
    """True for an absolute ``http``/``https`` URL with a host (the only links a browser may open)."""
    head = ascii_lower(value[:8])
    if head.startswith("https://"):
        start = 8
    elif head.startswith("http://"):
        start = 7
    else:
        return False
    if _unsafe(value):
        return False
    end = _authority_end(value, start)
    authority = value[start:end]
    if authority.count("@") > 1:
        return False
    return _host_and_port(authority[authority.find("@") + 1 :])


def describe_bad_url(value: str) -> str:
    """Why :func:`is_web_url` refused ``value``, in plain words."""
    head = ascii_lower(value.strip().split(":", 1)[0]) if ":" in value else ""
    if head in _FORBIDDEN_SCHEMES:
        return head + ": URLs are not allowed; only absolute http/https URLs"
    if value != value.strip() or any(ch <= " " or ch in "\x85\xa0\u2028\u2029\u3000" for ch in value):
        return "must not contain spaces or line breaks; only absolute http/https URLs"
    if "://" not in value:
        return "relative URLs are not allowed; only absolute http/https URLs"
    return "only absolute http/https URLs are allowed"


def _scheme_end(url: str) -> int:
    """Index of the ``:`` ending the URL's scheme, or -1 (``[A-Za-z][A-Za-z0-9+.-]*:``)."""
    colon = url.find(":")
    if colon < 1 or not ("a" <= url[0] <= "z" or "A" <= url[0] <= "Z"):
        return -1
    return colon if all(ch in _SCHEME_CHARS for ch in url[:colon]) else -1


def has_scheme(url: str) -> bool:
    """True when ``url`` is absolute (starts with a scheme such as ``https:``)."""
    return _scheme_end(_clean(url)) >= 0


def _clean(url: str) -> str:
    """What a browser ignores: leading and trailing control characters and spaces, tabs and newlines."""
    url = url.strip(_C0_AND_SPACE)
    if "\t" in url or "\n" in url or "\r" in url:
        url = url.replace("\t", "").replace("\n", "").replace("\r", "")
    return url


def _split(url: str) -> "tuple[str | None, str | None, str, str | None, str | None]":
    """(scheme, authority, path, query, fragment); None where the URL has no such part."""
    scheme = None
    end = _scheme_end(url)
    if end >= 0:
        scheme, url = url[:end], url[end + 1 :]
    fragment = query = authority = None
    hash_at = url.find("#")
    if hash_at >= 0:
        url, fragment = url[:hash_at], url[hash_at + 1 :]
    mark = url.find("?")
    if mark >= 0:
        url, query = url[:mark], url[mark + 1 :]
    if url.startswith("//"):
        slash = url.find("/", 2)
        slash = len(url) if slash < 0 else slash
        authority, url = url[2:slash], url[slash:]
    return scheme, authority, url, query, fragment


def _remove_dots(path: str) -> str:
    """RFC 3986 section 5.2.4: ``/a/b/../c/./d`` -> ``/a/c/d``."""
    segments = path.split("/")
    out: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "..":
            if len(out) > 1 or (out and out[0] != ""):
                out.pop()
            if last:
                out.append("")
        elif segment == ".":
            if last:
                out.append("")
        else:
            out.append(segment)
    result = "/".join(out)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def join(base: str, url: str) -> str:
    """``url`` read against the page address ``base``, as a browser reads ``href`` (``urljoin``)."""
    if not base:
        return url
    if not url:
        return base
    ref = _clean(url)
    if _scheme_end(ref) >= 0:
        return url
    scheme, authority, path, query, _ = _split(_clean(base))
    _ref_scheme, ref_authority, ref_path, ref_query, ref_fragment = _split(ref)
    if ref_authority is not None:
        authority, path, query = ref_authority, ref_path, ref_query
    elif not ref_path:
        query = ref_query if ref_query is not None else query
    elif ref_path.startswith("/"):
        path, query = _remove_dots(ref_path), ref_query
    else:
        merged = "/" + ref_path if authority is not None and not path else path[: path.rfind("/") + 1] + ref_path
        path, query = _remove_dots(merged), ref_query
    out = "" if scheme is None else scheme + ":"
    if authority is not None:
        out += "//" + authority
    out += path
    if query is not None:
        out += "?" + query
    if ref_fragment is not None:
        out += "#" + ref_fragment
    return out


def hostname(url: str) -> "str | None":
    """The host of an absolute URL, lower-case (``urlsplit(url).hostname``), or None."""
    _, authority, _, _, _ = _split(_clean(url))
    if not authority:
        return None
    host = authority[authority.rfind("@") + 1 :]
    if host.startswith("["):
        close = host.find("]")
        host = host[1:close] if close > 0 else host[1:]
    else:
        colon = host.find(":")
        host = host if colon < 0 else host[:colon]
    return ascii_lower(host) or None
