"""Guest as object: "process the guest", "handle visitors", "deal with the queue of arrivals".

Looks for verbs that belong to parcels and paperwork (process, handle, deal
with, batch, funnel, route, push through, log, stamp, time-stamp) applied to
people, in any register ("process arrivals", "Walk-ins handled at desk 2",
"Patients processed at window B", "guest intake"), and for throughput counts
of people ("40 check-ins per hour"). "Process the guest's payment" or "handle
visitor badges" are about things and are left alone.

Words shape behaviour: people who "process arrivals" end up treating guests
as throughput. Name the guest and what you do for them.

Bad: Process each arrival at the desk and move on to the next one.
Good: Check each guest in at the desk, and give them your full attention while you do.
"""

from ..text import NUMBER, Hit, Sentence, any_of, first, keywords, lazy

CODE = "SOP107"
NAME = "guest-as-object"
SEVERITY = "warning"
KIND = "text"
MESSAGE = "treats the guest as an object"
HINT = "name what you do for the guest (welcome, check in, look after, help) rather than what is done to a thing"
KEYWORDS = keywords("""
    process processes processed processing handle handles handled handling deal deals dealt dealing batch batches
    batched funnel funnels funnelled funneled route routes routed push pushes pushed herd herds herded shift shifts
    dispose disposed rid offload offloads offloaded dispatch dispatches dispatched clear clears cleared move moves
    moved shunt shunts shunted turn churn churns churned release releases log cycle cycles cycled feed feeds fed
    flip flips shuffle shuffles slot slots rotate rotates logs logged logging stamp stamps stamped stamping
    timestamp timestamps timestamped intake throughput hour channelled channeled dispatched moved prompted moving
    marked recorded delivered loaded boarded covers turn turns turning done fed batches through
""")

_PEOPLE = rf"(?:{any_of('person-nouns')}|walk-ins?|check-ins|queue|crowd|heads|bodies|pax)"
_THINGS = (r"(?:'s|’s|data|details|information|records?|luggage|bags?|baggage|belongings|requests?|complaints?|"
           r"feedback|payments?|bookings?|reservations?|keys?|badges?|passes|parcels?|post|mail|lists?|names?|"
           r"quer(?:y|ies)|enquir(?:y|ies)|inquir(?:y|ies)|items?|property|coats?|orders?|accounts?|files?|forms?|"
           r"notes?|messages?|emails?|calls?|invoices?|bills?|documents?|registrations?|cards?|numbers?|ids?|"
           r"tickets?|lists?|feedback|concerns?|issues?|problems?|questions?|needs|wishes|preferences)")
_VERBS = (r"(?:process|processes|processed|processing|handle|handles|handled|handling|deal\s+with|deals\s+with|"
          r"dealt\s+with|dealing\s+with|batch|batches|batched|funnel|funnels|funnelled|funneled|route|routes|routed|"
          r"push|pushes|pushed|herd|herds|herded|shift|shifts|dispose\s+of|get\s+rid\s+of|offload|offloads|"
          r"dispatch|dispatches|dispatched|clear|clears|cleared|move|moves|moved|shunt|shunts|shunted|"
          r"turn\s+over|churn|churns|release|releases|log|cycle|cycles|cycled|feed|feeds|fed|flip|flips|shuffle|"
          r"shuffles|slot|slots|rotate|rotates|logs|logged|logging|stamp|stamps|stamped|stamping|"
          r"time[\s-]?stamp|time[\s-]?stamps|time[\s-]?stamped)")
_OBJECT = lazy(
    rf"\b{_VERBS}\s+(?:(?!for\b|of\b|from\b|to\b|with\b|by\b|and\b|or\b|in\b|at\b|on\b)[\w-]+\s+){{0,3}}"
    rf"{_PEOPLE}\b"
    rf"(?!\s+{_THINGS}\b)(?!['’]s?\s+(?!{_PEOPLE}\b))"
    rf"|\bclear\s+(?:\w+\s+){{0,3}}of\s+(?:\w+\s+){{0,2}}{_PEOPLE}\b"
    rf"|\b(?:log|clear|move|push|shift|process|batch|funnel|route)\s+them\s+(?:out|off|through|to|along|on)\b"
)
_DONE_TO = lazy(
    rf"\b{_PEOPLE}(?!\s+{_THINGS}\b)\s+(?:[\w'’-]+\s+){{0,6}}?(?:be|been|is|are|was|were|get|gets|got)\s+"
    r"(?:processed|handled|dealt\s+with|batched|funnell?ed|herded|shunted|churned|cycled|offloaded|disposed\s+of|"
    r"logged|stamped|time[\s-]?stamped|tagged|tallied|channell?ed|dispatched|moved\s+(?:through|along|on)|"
    r"prompted\s+along)\b"
)
# A person closed off like a job ticket: "Visitor will be signed in, badged, escorted and logged as delivered".
_LOGGED_AS_DONE = lazy(
    rf"^\W*(?:the\s+|each\s+|every\s+|all\s+)?{_PEOPLE}\b[^.;]{{0,160}}?\b(?P<done>(?:logged|marked|recorded|signed\s+off)\s+as\s+"
    r"(?:delivered|dispatched|complete|completed|done|processed|closed|handled))\b"
)
# Without "be", as in audit items and fragments: "Walk-ins handled at desk 2".
_DONE_TO_BARE = lazy(
    rf"\b{_PEOPLE}\s+(?:processed|handled|batched|logged|stamped|time[\s-]?stamped|funnell?ed|herded|shunted)\b"
    rf"|\b(?:guest|patient|visitor|passenger|customer|client|member)\s+(?:intake|throughput|processing|handling)\b"
    rf"|\b{NUMBER}\s+(?:check-ins|arrivals|guests|covers|customers|patients|visitors)\s+(?:per|an|a|every)\s+hour\b"
    rf"|\b{_PEOPLE}\s+(?:loaded|boarded|processed|cleared|turned)\s+(?:per|an|a|every)\s+(?:minute|hour)\b"
    rf"|\bcovers\s+per\s+(?:\w+\s+){{0,2}}?(?:hour|server|host|waiter|shift)\b"
    rf"|\bturn\w*\s+(?:every\s+|each\s+|the\s+|our\s+|a\s+)?tables?\s+(?:\w+\s+){{0,2}}?(?:times|twice|thrice|over)\b"
    rf"|\b{_PEOPLE}\s+(?:\w+\s+){{0,2}}?(?:be\s+)?done\s+and\s+out\b"
    rf"|\b{_PEOPLE}\s+(?:are|is|were|get|gets)\s+(?:fed|seated|served)\s+in\s+batches\b"
    rf"|\b(?:get|gets|got)\s+(?:the|those|these)\s+{_PEOPLE}\s+through\b"
    rf"|\b(?:get|gets|got|have|keep|keeps)\s+(?:them|'em|em|{_PEOPLE})\s+"
    r"(?:processed|handled|moving|moved\s+along|through)\b"
)
_THROUGHPUT = lazy(r"\b(?:through|throughput|efficiently|as\s+quickly\s+as\s+possible|together|in\s+bulk|"
                         r"towards|to\s+the|to|from|out|on|off|away|along|turns?|covers?)\b")


def check(sentence: Sentence):
    text = sentence.masked
    done_to = _DONE_TO.search(text) or _DONE_TO_BARE.search(text)
    if done_to:
        yield Hit(done_to.start(), done_to.end())
        return
    closed = _LOGGED_AS_DONE.search(text)
    if closed:
        yield Hit(closed.start("done"), closed.end("done"))
        return
    match = first(_OBJECT, text)
    if match is None:
        return
    verb = match.group(0).split()[0]
    # "move", "clear", "release", "log", "shift", "push" only objectify people when they are shifted somewhere
    if verb.startswith(("move", "clear", "release", "shift", "push", "route", "dispatch", "cycle", "feed",
                        "fed", "flip", "shuffle", "slot", "rotate")) \
            and not verb.startswith("clear") and not _THROUGHPUT.search(text, match.end()):
        return
    yield Hit(match.start(), match.end())
