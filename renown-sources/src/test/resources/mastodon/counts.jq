# Independent count of what the mastodon reader should emit (jq -s over the inputs; stream
# messages' payloads are unwrapped).
def addr: if .acct | contains("@") then (.acct | split("@") | .[0] + "@" + (.[1] | ascii_downcase))
          else .acct + "@" + (.url | capture("^https?://(?<h>[^/:]+)").h | ascii_downcase) end;
[ .[] | if type == "array" then .[] else . end
  | if has("event") then (select(.event == "update" or .event == "status.update") | .payload | fromjson) else . end ]
| . as $all
| ([ $all[] | (.account, .reblog.account, .quote.quoted_status.account, .mentions[]?) | select(. != null) | {key: .id, value: addr} ]
   | from_entries) as $byId
| [ $all[] | .account as $a
    | if .reblog != null then {k: "REPOST", a: ($a | addr)}
      else ($byId[.in_reply_to_account_id // "none"]) as $rt
        | (if .in_reply_to_account_id != null then (if $rt then {k: "REPLY", a: ($a | addr)} else {k: "unresolved"} end) else empty end),
          (if .quote.quoted_status != null and (.quote.state // "accepted") == "accepted" then {k: "QUOTE", a: ($a | addr)} else empty end),
          ([.mentions[] | addr] | map(select(. != $rt)) | unique[] | {k: "MENTION", a: ($a | addr)})
      end ]
| (group_by(.k) | map({key: .[0].k, value: length}) | from_entries) + {actors: ([.[] | .a | select(. != null)] | unique | length)}
