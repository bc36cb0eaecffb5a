# Independent count of what Renown's twitter-v1 reader should emit (jq -s over the documents).
def uid: if . == null then null else (.id_str // (.id | tostring)) end;
def nn: if . == null then null else tostring end;
def statuses: if type == "array" then .[] elif type == "object" and has("statuses") then .statuses[] else . end
  | select(type == "object" and .user != null and (has("text") or has("full_text")));
def acts:
  . as $s
  | ((if .extended_tweet.entities then .extended_tweet.entities else .entities end) // {}) as $ent
  | if .retweeted_status != null then {k: "REPOST", a: (.user | uid), t: (.retweeted_status.user | uid)}
    else
      ((.in_reply_to_user_id_str // (.in_reply_to_user_id | nn))) as $rt
      | (if $rt != null then {k: "REPLY", a: ($s.user | uid), t: $rt} else empty end),
        (if ($rt == null and (.in_reply_to_status_id_str // .in_reply_to_status_id) != null) then {k: "unresolved"} else empty end),
        (if .quoted_status != null then {k: "QUOTE", a: ($s.user | uid), t: (.quoted_status.user | uid)} else empty end),
        ([($ent.user_mentions // [])[] | (.id_str // (.id | nn))] | map(select(. != null and . != $rt)) | unique[]
         | {k: "MENTION", a: ($s.user | uid), t: .})
    end;
[.[] | statuses] as $st
| [$st[] | acts] as $acts
| { statuses: ($st | length),
    repost: ([$acts[] | select(.k == "REPOST")] | length),
    reply: ([$acts[] | select(.k == "REPLY")] | length),
    quote: ([$acts[] | select(.k == "QUOTE")] | length),
    mention: ([$acts[] | select(.k == "MENTION")] | length),
    unresolved: ([$acts[] | select(.k == "unresolved")] | length),
    distinct_event_ids: ([$st[] as $s | $s | acts | select(.k != "unresolved") | "\($s.id_str // ($s.id|tostring))/\(.k)/\(.t)"] | unique | length),
    actors: ([$acts[] | .a | select(. != null)] | unique | length),
    profiles: (([$st[] | (.user, .retweeted_status.user, .quoted_status.user) | select(. != null)] | length)
               + ([.[] | select(type == "object" and has("users")) | .users[]] | length)) }
