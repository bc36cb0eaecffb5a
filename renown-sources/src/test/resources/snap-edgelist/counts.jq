# Independent count of what Renown's snap-edgelist reader should emit for one file, restating
# the rules of docs/formats.md in jq: "userA userB [weight]" per line, separated by spaces or
# tabs, blank lines and "#" comments skipped; weight w (1 when absent) gives w interactions of
# the kind the file name names (retweet/repost, mention, reply; follow otherwise).
# Input: the file's text as one raw string (jq -R -s); the kind as the reader takes it from the name:
#   zcat -f FILE | jq -R -s -c --arg kind repost -f counts.jq
# Output keys (the same in every counts.jq): interactions per kind, distinct actors and event ids,
# rejects in total and per reason; also distinct accounts (actors and targets) and self-interactions.
def weight: if . == null then 1 elif test("^[0-9]{1,7}(\\.0)?$") then (sub("\\.0$"; "") | tonumber) else -1 end;
[ split("\n")[] | sub("\r$"; "") | select(test("^[ \t]*$") | not) | select(startswith("#") | not)
  | [splits("[ \t]+") | select(. != "")] ] as $lines
| [ $lines[] | select(length == 2 or length == 3) | {a: .[0], b: .[1], w: (.[2] | weight)} ] as $edges
| [ $edges[] | select(.w >= 1 and .w <= 1000000) ] as $ok
| ([$ok[] | .w] | add // 0) as $n
| { repost: 0, quote: 0, reply: 0, mention: 0, like: 0, follow: 0 } + { ($kind): $n }
| . + { actors: ([$ok[] | .a] | unique | length),
        events: ([$ok[] | . as $e | range(1; $e.w + 1) | "\($e.a)>\($e.b)#\(.)"] | unique | length),
        accounts: ([$ok[] | .a, .b] | unique | length),
        self: ([$ok[] | select(.a == .b) | .w] | add // 0),
        rejects: (($lines | length) - ($ok | length)),
        "rejects.wrong-field-count": ([$lines[] | select(length < 2 or length > 3)] | length),
        "rejects.invalid-value": (($edges | length) - ($ok | length)) }
