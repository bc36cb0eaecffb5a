# Independent count of what Renown's mastodon reader should emit for one file, restating the
# rules of docs/formats.md in jq. Input: the file's JSON values, slurped (jq -s):
#   jq -s -c -f counts.jq FILE
# Output keys (the same in every counts.jq): interactions per kind, distinct actors and event ids,
# profiles, rejects in total and per reason, skipped records per reason.
#
# An account is its address username@domain: acct when it has a domain, else acct plus the host
# of its url (a local account); domains are lower-cased.
def addr: if .acct | contains("@") then (.acct | split("@") | .[0] + "@" + (.[1] | ascii_downcase))
          else .acct + "@" + (.url | capture("^https?://(?<h>[^/:]+)").h | ascii_downcase) end;
# The quoted status, if the quote counts (Mastodon 4.4 quotes must be accepted).
def quoted: if .quote.quoted_status != null and (.quote.state // "accepted") == "accepted" then .quote.quoted_status
            elif .quoted_status != null then .quoted_status else null end;
[ .[] | if type == "array" then .[] else . end ] as $values
# Streaming messages: updates carry a status as a JSON string; other events are skipped.
| [ $values[] | select(has("event") and (has("uri") | not)) ] as $messages
| ([ $messages[] | select(.event != "update" and .event != "status.update") ] | length) as $otherEvents
| [ ($values[] | select((has("event") and (has("uri") | not)) | not)),
    ($messages[] | select(.event == "update" or .event == "status.update") | .payload | fromjson) ] as $statuses
# Every account the file shows, by its server-local id, to resolve in_reply_to_account_id.
| ([ $statuses[] | (., .reblog, quoted | select(. != null)) | (.account, .mentions[]?) | select(. != null)
     | {key: .id, value: addr} ] | from_entries) as $byId
| [ $statuses[] | .uri as $uri | (.account | addr) as $a
    | if .reblog != null then {k: "repost", a: $a, e: "\($uri)/repost"}
      else ($byId[.in_reply_to_account_id // "none"]) as $rt
        | (if .in_reply_to_account_id != null
           then (if $rt then {k: "reply", a: $a, e: "\($uri)/reply"} else {k: "unresolved"} end) else empty end),
          (quoted | select(. != null) | {k: "quote", a: $a, e: "\($uri)/quote"}),
          ([.mentions[]? | addr] | map(select(. != $rt)) | unique[] | {k: "mention", a: $a, e: "\($uri)/mention/\(.)"})
      end ] as $acts
| [ $acts[] | select(.k != "unresolved") ] as $done
| ([ $acts[] | select(.k == "unresolved") ] | length) as $unresolved
| { repost: ([$done[] | select(.k == "repost")] | length),
    quote: ([$done[] | select(.k == "quote")] | length),
    reply: ([$done[] | select(.k == "reply")] | length),
    mention: ([$done[] | select(.k == "mention")] | length),
    like: 0,
    follow: 0,
    actors: ([$done[] | .a] | unique | length),
    events: ([$done[] | .e] | unique | length),
    # the author of each status, of what it reblogs and of what it quotes
    profiles: ([ $statuses[] | .account, .reblog.account, (quoted | .account?) | select(. != null) ] | length),
    rejects: $unresolved,
    "rejects.unresolved-target": $unresolved,
    "skipped.no-interaction": ([ $statuses[] | select(.reblog == null and .in_reply_to_account_id == null
                                  and quoted == null and ((.mentions // []) | length) == 0) ] | length),
    "skipped.stream-event": $otherEvents }
