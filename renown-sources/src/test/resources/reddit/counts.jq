# Independent count of what the reddit reader should emit for the comments (first input) given
# the submissions beside them: jq -n -c --slurpfile c RC_2023-01.ndjson --slurpfile s RS_2023-01.ndjson -f counts.jq
def fullname: .name // (if .parent_id != null then "t1_" + .id else "t3_" + .id end);
(($c + $s) | map({key: fullname, value: .author}) | from_entries) as $author
| ($c + $s | map({key: (.author | ascii_downcase), value: .author}) | from_entries) as $canon
| [ $c[] | select(.author != "[deleted]") | . as $x
    | ($author[$x.parent_id]) as $target
    | if $target == null then {k: "unresolved-parent"}
      elif $target == "[deleted]" then {k: "deleted-target"}
      else {k: "REPLY", a: $x.author, t: $target},
           ([$x.body | scan("(?<![A-Za-z0-9_/])/?u/([A-Za-z0-9_-]{3,20})(?![A-Za-z0-9_-])")[0]
             | ($canon[ascii_downcase] // .)] | map(select(. != $target)) | unique_by(ascii_downcase)[]
            | {k: "MENTION", a: $x.author, t: .})
      end ]
| (group_by(.k) | map({key: .[0].k, value: length}) | from_entries)
  + {"deleted-author": ([$c[] | select(.author == "[deleted]")] | length)}
