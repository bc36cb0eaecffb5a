# Independent count of what Renown's snap-activity reader should emit for one file, restating
# the rules of docs/formats.md in jq: "userA userB unix_seconds RT|MT|RE" per line, separated by
# spaces or tabs, blank lines and "#" comments skipped.
# Input: the file's text as one raw string:
#   jq -R -s -c -f counts.jq higgs-activity-first2000.txt
# Output keys (the same in every counts.jq): interactions per kind, distinct actors and event ids,
# rejects in total and per reason; also distinct accounts (actors and targets) and self-interactions.
[ split("\n")[] | sub("\r$"; "") | select(test("^[ \t]*$") | not) | select(startswith("#") | not)
  | [splits("[ \t]+") | select(. != "")] ] as $lines
| { RT: "repost", MT: "mention", RE: "reply" } as $kinds
| [ $lines[] | select(length == 4) ] as $four
| [ $four[] | select(.[2] | test("^[0-9]{1,12}$")) | select(.[2] | tonumber <= 100000000000) ] as $timed
| [ $timed[] | select($kinds[.[3] | ascii_upcase] != null)
    | {k: $kinds[.[3] | ascii_upcase], a: .[0], b: .[1], t: .[2]} ] as $ok
| def count($k): [$ok[] | select(.k == $k)] | length;
{ repost: count("repost"), quote: 0, reply: count("reply"), mention: count("mention"), like: 0, follow: 0,
  actors: ([$ok[] | .a] | unique | length),
  events: ([$ok[] | "\(.k):\(.a)>\(.b)@\(.t)"] | unique | length),
  accounts: ([$ok[] | .a, .b] | unique | length),
  self: ([$ok[] | select(.a == .b)] | length),
  rejects: (($lines | length) - ($ok | length)),
  "rejects.wrong-field-count": (($lines | length) - ($four | length)),
  "rejects.bad-time": (($four | length) - ($timed | length)),
  "rejects.unknown-kind": (($timed | length) - ($ok | length)) }
