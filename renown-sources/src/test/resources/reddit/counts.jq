# Independent count of what Renown's reddit reader should emit for one dump ($c), given the
# submissions dump the reader finds beside it ($s; RS_x beside RC_x, none beside RS_x), restating
# the rules of docs/formats.md in jq:
#   jq -n -c --slurpfile c RC_2023-01.ndjson --slurpfile s RS_2023-01.ndjson -f counts.jq
#   jq -n -c --slurpfile c RS_2023-01.ndjson --slurpfile s /dev/null -f counts.jq
# Output keys (the same in every counts.jq): interactions per kind, distinct actors and event ids,
# profiles, rejects in total and per reason, skipped records per reason.
def comment: .parent_id != null or (has("body") and (has("title") | not));
def fullname: if (.name // "") | test("^t[13]_") then .name elif comment then "t1_" + .id else "t3_" + .id end;
(($s + $c) | map({key: fullname, value: .author}) | from_entries) as $author
| ($s + $c | map(select(.author != "[deleted]")) | map({key: (.author | ascii_downcase), value: .author})
   | reverse | from_entries) as $canon
| def mentions($target):
    [ (.body // .selftext // "") | scan("(?<![A-Za-z0-9_/])/?u/([A-Za-z0-9_-]{3,20})(?![A-Za-z0-9_-])")[0]
      | ($canon[ascii_downcase] // .) ] | map(select(. != $target)) | unique_by(ascii_downcase)[];
[ $c[] | select(.author != "[deleted]") | . as $x | fullname as $f
  | if comment then
      ($author[$x.parent_id]) as $target
      | if $target == null then {k: "unresolved-parent"}
        elif $target == "[deleted]" then {k: "deleted-target"}
        else {k: "reply", a: $x.author, e: "\($f)/reply"},
             ($x | mentions($target) | {k: "mention", a: $x.author, e: "\($f)/mention/\(.)"}),
             {k: "done", f: $f}
        end
    else ($x | mentions(null) | {k: "mention", a: $x.author, e: "\($f)/mention/\(.)"}), {k: "done", f: $f}
    end ] as $acts
| def count($k): [$acts[] | select(.k == $k)] | length;
{ repost: 0,
  quote: 0,
  reply: count("reply"),
  mention: count("mention"),
  like: 0,
  follow: 0,
  actors: ([$acts[] | .a | select(. != null)] | unique | length),
  events: ([$acts[] | .e | select(. != null)] | unique | length),
  profiles: 0,
  rejects: count("unresolved-parent"),
  "rejects.unresolved-parent": count("unresolved-parent"),
  "skipped.deleted-author": ([$c[] | select(.author == "[deleted]")] | length),
  "skipped.deleted-target": count("deleted-target"),
  # posts read whole that engaged nobody
  "skipped.no-interaction": ([$acts[] | select(.k == "done") | .f] - [$acts[] | .e | select(. != null) | split("/")[0]]
                             | length) }
