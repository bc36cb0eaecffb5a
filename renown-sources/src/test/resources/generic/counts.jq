# Independent count of what Renown's generic ndjson and csv readers should emit for one file,
# restating the rules of docs/formats.md in jq. Input: the file's text as one raw string (jq -R -s):
#   jq -R -s -c --arg format ndjson -f counts.jq higgs-first100.ndjson
#   jq -R -s -c --arg format csv -f counts.jq higgs-first100.csv
# (The CSV is split at every comma: enough for files without quoted fields, such as this one.)
# Output keys (the same in every counts.jq): interactions per kind, distinct actors and event ids,
# rejects in total and per reason; also distinct accounts (actors and targets) and self-interactions.
def kind: ascii_downcase | {repost: "repost", retweet: "repost", rt: "repost", reblog: "repost", boost: "repost",
  reshare: "repost", quote: "quote", qt: "quote", reply: "reply", re: "reply", mention: "mention", mt: "mention",
  like: "like", favorite: "like", favourite: "like", fav: "like", follow: "follow"}[.];
def millis: if type == "number" then . * 1000 | floor elif test("^[0-9.]+$") then tonumber * 1000 | floor
            else sub("\\.[0-9]+Z$"; "Z") | fromdate * 1000 end;
[ split("\n")[] | sub("\r$"; "") | select(test("^[ \t]*$") | not) ] as $lines
| (if $format == "csv" then
     ($lines[0] | split(",")) as $header
     | [ $lines[1:][] | split(",") | [$header, .] | transpose | map({key: .[0], value: (.[1] | if . == "" then null else . end)})
         | from_entries ]
   else [ $lines[] | (try fromjson catch "INVALID") ] end) as $records
| [ $records[] | select(type == "object" and (.kind // "" | kind) != null and (.actor // "") != ""
                        and (.target // "") != "" and .time != null and .network != null)
    | {k: (.kind | kind), a: (.actor | tostring), b: (.target | tostring), n: (.network | ascii_downcase), t: (.time | millis)} ] as $ok
| def count($k): [$ok[] | select(.k == $k)] | length;
{ repost: count("repost"), quote: count("quote"), reply: count("reply"), mention: count("mention"),
  like: count("like"), follow: count("follow"),
  actors: ([$ok[] | .a] | unique | length),
  events: ([$ok[] | "\(.n)/\(.k):\(.a)>\(.b)@\(.t)"] | unique | length),
  accounts: ([$ok[] | .a, .b] | unique | length),
  self: ([$ok[] | select(.a == .b)] | length),
  rejects: (($records | length) - ($ok | length)) }
