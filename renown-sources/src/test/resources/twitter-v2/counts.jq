# Independent count of what Renown's twitter-v2 reader should emit for one file, restating the
# rules of docs/formats.md in jq. Input: the file's text as one raw string (jq -R -s), so that
# lines which are not valid JSON can be counted as rejects:
#   zcat FILE | jq -R -s -c -f counts.jq
# Output keys (the same in every counts.jq): interactions per kind, distinct actors and event ids,
# profiles, rejects in total and per reason, skipped records per reason.
def acts($auth; $uid):
  . as $t
  | ([($t.referenced_tweets // [])[] | select(.type == "retweeted") | .id][0]) as $rt
  | ([($t.referenced_tweets // [])[] | select(.type == "quoted") | .id][0]) as $qt
  | ([($t.referenced_tweets // [])[] | select(.type == "replied_to") | .id][0]) as $rp
  | ($t.entities.mentions // []) as $m
  | if $rt != null then
      # A retweet is one repost to the original's author: from the tweets of the page, else
      # from "RT @handle:" resolved through the mentions or the page's users.
      ($auth[$rt]
       // (if ($t.text // "" | startswith("RT @")) then
             ($t.text | capture("^RT @(?<h>[A-Za-z0-9_]+)").h | ascii_downcase) as $h
             | ([$m[] | select((.username // "" | ascii_downcase) == $h and .id != null) | .id][0] // $uid[$h])
           else null end)) as $tg
      | if $tg != null then {k: "repost", a: $t.author_id, e: "\($t.id)/repost"} else {k: "unresolved"} end
    else
      ($t.in_reply_to_user_id // (if $rp != null then $auth[$rp] else null end)) as $rtg
      | (if $rp != null and $rtg == null then {k: "unresolved"} else empty end),
        (if $rtg != null then {k: "reply", a: $t.author_id, e: "\($t.id)/reply"} else empty end),
        (if $qt != null then (if $auth[$qt] != null then {k: "quote", a: $t.author_id, e: "\($t.id)/quote"}
                              else {k: "unresolved"} end) else empty end),
        ([$m[] | (.id // $uid[.username | ascii_downcase])] as $ids
         | ($ids[] | select(. == null) | {k: "unresolved"}),
           # every other distinct account named, not the one replied to
           ([$ids[] | select(. != null and . != $rtg)] | unique[]
            | {k: "mention", a: $t.author_id, e: "\($t.id)/mention/\(.)"}))
    end;

[ split("\n")[] | select(test("\\S")) | (try fromjson catch "INVALID") ] as $lines
| [ $lines[]
    | select(type == "object")
    | . as $page
    | ([$page.data] | flatten | map(select(. != null))) as $items
    | ($items | map(select(.username == null or .author_id != null or .text != null))) as $tweets
    | (($page.includes.tweets // []) | map({key: .id, value: .author_id}) | from_entries) as $inc
    | ($tweets | map({key: .id, value: .author_id}) | from_entries) as $own
    | ($own + $inc) as $auth
    | (($page.includes.users // []) | map({key: (.username | ascii_downcase), value: .id}) | from_entries) as $uid
    | { acts: [$tweets[] | acts($auth; $uid)],
        plain: [$tweets[] | select(((.referenced_tweets // []) | length) == 0 and .in_reply_to_user_id == null
                                   and ((.entities.mentions // []) | length) == 0)] | length,
        profiles: ((($page.includes.users // []) | length)
                   + ($items | map(select(.username != null and .author_id == null and .text == null)) | length)) } ]
| [.[].acts[]] as $acts
| [$acts[] | select(.k != "unresolved")] as $done
| ([$lines[] | select(. == "INVALID")] | length) as $invalid
| ([$acts[] | select(.k == "unresolved")] | length) as $unresolved
| { repost: ([$done[] | select(.k == "repost")] | length),
    quote: ([$done[] | select(.k == "quote")] | length),
    reply: ([$done[] | select(.k == "reply")] | length),
    mention: ([$done[] | select(.k == "mention")] | length),
    like: 0,
    follow: 0,
    actors: ([$done[] | .a] | unique | length),
    events: ([$done[] | .e] | unique | length),
    profiles: (map(.profiles) | add // 0),
    rejects: ($invalid + $unresolved),
    "rejects.invalid-json": $invalid,
    "rejects.unresolved-target": $unresolved,
    "skipped.no-interaction": (map(.plain) | add // 0) }
