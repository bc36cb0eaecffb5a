# Independent count of what Renown's twitter-v1 reader should emit for one file, restating the
# rules of docs/formats.md in jq. Input: the file's JSON values, slurped (jq -s):
#   zcat FILE | jq -s -c -f counts.jq
# An id list says neither whose nor which list it is: pass its owner as the reader takes it
# from a file name followers-of-<id>: jq -s -c --arg owner 783214 -f counts.jq
# Output keys (the same in every counts.jq): interactions per kind, distinct actors and event ids,
# profiles, rejects in total and per reason, skipped records per reason.
def uid: if . == null then null else (.id_str // (.id | tostring)) end;
def nn: if . == null then null else tostring end;
($ARGS.named.owner // null) as $owner
# The records: elements of a top-level array or of "statuses"/"users", else the value itself.
| [ .[] | if type == "array" then .[]
          elif type == "object" and (.statuses | type) == "array" then .statuses[]
          elif type == "object" and (.users | type) == "array" then .users[]
          else . end ] as $records
| [ $records[] | select(type == "object" and (.user | type) == "object" and (has("text") or has("full_text"))) ] as $st
| [ $records[] | select(type == "object" and has("screen_name") and (has("text") or has("full_text") | not)) ] as $users
| [ $records[] | select(type == "object" and has("ids") and has("next_cursor")) ] as $lists
# Anything else that is neither a user-stream event nor a stream control message is rejected.
| ["delete", "limit", "scrub_geo", "status_withheld", "user_withheld", "disconnect", "warning", "friends",
   "friends_str", "control", "direct_message"] as $control
| [ $records[] | select(type == "object" and ((.user | type) == "object" and (has("text") or has("full_text")) | not)
                       and (has("screen_name") and (has("text") or has("full_text") | not) | not)
                       and (has("ids") and has("next_cursor") | not) and (.event | type) != "string"
                       and ([keys[] | IN($control[])] | any | not)) ] as $unknown
| ([ $records[] | select(type != "object") ] | length) as $wrongType
| def acts:
    . as $s
    | (.user | uid) as $a
    | ((if .extended_tweet.entities then .extended_tweet.entities else .entities end) // {}) as $ent
    | if .retweeted_status != null then {k: "repost", a: $a, e: "\($s.id_str)/repost"}
      else
        (.in_reply_to_user_id_str // (.in_reply_to_user_id | nn)) as $rt
        | (if $rt != null then {k: "reply", a: $a, e: "\($s.id_str)/reply"} else empty end),
          (if ($rt == null and (.in_reply_to_status_id_str // .in_reply_to_status_id) != null)
           then {k: "unresolved"} else empty end),
          (if .quoted_status != null then {k: "quote", a: $a, e: "\($s.id_str)/quote"} else empty end),
          ([($ent.user_mentions // [])[] | (.id_str // (.id | nn))] | map(select(. != null and . != $rt)) | unique[]
           | {k: "mention", a: $a, e: "\($s.id_str)/mention/\(.)"})
      end;
[ $st[] | acts ] as $acts
| [ $acts[] | select(.k != "unresolved") ] as $done
| ([$lists[] | .ids | length] | add // 0) as $ids
| { repost: ([$done[] | select(.k == "repost")] | length),
    quote: ([$done[] | select(.k == "quote")] | length),
    reply: ([$done[] | select(.k == "reply")] | length),
    mention: ([$done[] | select(.k == "mention")] | length),
    like: 0,
    follow: (if $owner then $ids else 0 end),
    actors: ([$done[] | .a] + (if $owner and $ids > 0 then [$lists[] | .ids[] | tostring] else [] end) | unique | length),
    events: (([$done[] | .e] | unique | length) + (if $owner then ([$lists[] | .ids[]] | unique | length) else 0 end)),
    profiles: (([$st[] | (.user, .retweeted_status.user, .quoted_status.user) | select(. != null)] | length)
               + ($users | length)),
    rejects: (([$acts[] | select(.k == "unresolved")] | length) + (if $owner then 0 else ($lists | length) end)
              + ($unknown | length) + $wrongType),
    "rejects.unresolved-target": ([$acts[] | select(.k == "unresolved")] | length),
    "rejects.unknown-owner": (if $owner then 0 else ($lists | length) end),
    "rejects.unknown-kind": ($unknown | length),
    "rejects.wrong-type": $wrongType,
    "skipped.no-interaction": ([$st[] | select(.retweeted_status == null and .quoted_status == null
        and (.in_reply_to_user_id_str // .in_reply_to_user_id // .in_reply_to_status_id_str // .in_reply_to_status_id) == null
        and ((((if .extended_tweet.entities then .extended_tweet.entities else .entities end) // {}).user_mentions // []) | length) == 0)]
        | length) }
