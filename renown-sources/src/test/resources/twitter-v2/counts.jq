# Independent count of what Renown's twitter-v2 reader should emit, per input (slurp mode: jq -s).
# Rules from docs/formats.md; lines that are not valid JSON must be dropped before (see README).
def acts($auth; $uid):
  . as $t
  | ([($t.referenced_tweets // [])[] | select(.type == "retweeted") | .id][0]) as $rt
  | ([($t.referenced_tweets // [])[] | select(.type == "quoted") | .id][0]) as $qt
  | ([($t.referenced_tweets // [])[] | select(.type == "replied_to") | .id][0]) as $rp
  | ($t.entities.mentions // []) as $m
  | if $rt != null then
      ($auth[$rt]
       // (if ($t.text // "" | startswith("RT @")) then
             ($t.text | capture("^RT @(?<h>[A-Za-z0-9_]+)").h | ascii_downcase) as $h
             | ([$m[] | select((.username // "" | ascii_downcase) == $h and .id != null) | .id][0] // $uid[$h])
           else null end)) as $tg
      | if $tg != null then {k: "REPOST", a: $t.author_id, t: $tg} else {k: "unresolved"} end
    else
      ($t.in_reply_to_user_id // (if $rp != null then $auth[$rp] else null end)) as $rtg
      | (if $rp != null and $rtg == null then {k: "unresolved"} else empty end),
        (if $rtg != null then {k: "REPLY", a: $t.author_id, t: $rtg} else empty end),
        (if $qt != null then (if $auth[$qt] != null then {k: "QUOTE", a: $t.author_id, t: $auth[$qt]}
                              else {k: "unresolved"} end) else empty end),
        ([$m[] | (.id // $uid[.username | ascii_downcase])] as $ids
         | ($ids[] | select(. == null) | {k: "unresolved"}),
           ([$ids[] | select(. != null and . != $rtg)] | unique[] | {k: "MENTION", a: $t.author_id, t: .}))
    end;

[ .[]
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
      tweets: ($tweets | length),
      profiles: ((($page.includes.users // []) | length) + ($items | map(select(.username != null and .author_id == null and .text == null)) | length)) } ]
| { tweets: (map(.tweets) | add),
    repost: ([.[].acts[] | select(.k == "REPOST")] | length),
    reply: ([.[].acts[] | select(.k == "REPLY")] | length),
    quote: ([.[].acts[] | select(.k == "QUOTE")] | length),
    mention: ([.[].acts[] | select(.k == "MENTION")] | length),
    unresolved: ([.[].acts[] | select(.k == "unresolved")] | length),
    actors: ([.[].acts[] | select(.a != null) | .a] | unique | length),
    no_interaction: (map(.plain) | add),
    profiles: (map(.profiles) | add) }
