"""Language tags in URL paths: is '/de/' a site's German root, or '/io' just a page?"""

from __future__ import annotations

import re

# ISO 639-1's 183 two-letter codes (as of June 2021; bh and sh withdrawn).
ISO_639_1_TEXT = """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
    la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
    oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
    za zh zu"""
ISO_639_1 = frozenset(ISO_639_1_TEXT.split())
# Bare, these are path words far more often than a site's locale: I/O pages, Internet Explorer,
# and the machine-learning sites this guide links to (/ml, /nn, /cv); with a region they count.
PATH_WORD_CODES = frozenset({"io", "ie", "ia", "vo", "ml", "nn", "cv"})
# A language tag as sites put it in a path: de, en-us, pt_BR, zh-Hans, es-419.
LANGUAGE_TAG = re.compile(r"([a-z]{2})((?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|\d{3}))?)")


def is_language_tag(segment: str) -> bool:
    """Is a path segment an ISO 639-1 language, optionally with a script and a region?"""
    match = LANGUAGE_TAG.fullmatch(segment.lower())
    if not match or match.group(1) not in ISO_639_1:
        return False
    return bool(match.group(2)) or match.group(1) not in PATH_WORD_CODES


def is_language_root(path: str, home_files: tuple[str, ...] = ("",)) -> bool:
    """'/de/', '/en-us/', '/pt_BR' (or one of `home_files` in it): a language tag, nothing after."""
    segments = path.strip("/").split("/")
    rest = "/".join(segments[1:]).lower()
    return is_language_tag(segments[0]) and rest in home_files
