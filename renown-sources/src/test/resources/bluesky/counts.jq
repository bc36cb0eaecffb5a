# Independent count of what the bluesky-jetstream reader should emit (jq -s over the events).
def did: if type == "string" and startswith("at://did:") then (.[5:] | split("/")[0]) else null end;
[ .[] | select(.kind == "commit" and .commit.operation == "create") | . as $e | .commit.record as $r
  | if .commit.collection == "app.bsky.feed.post" then
      ($r.reply.parent.uri | did) as $parent
      | (if $parent then {k: "REPLY", a: $e.did} else empty end),
        (($r.embed | if .["$type"] == "app.bsky.embed.record" then .record.uri
                     elif .["$type"] == "app.bsky.embed.recordWithMedia" then .record.record.uri else null end)
         | select(. != null and contains("/app.bsky.feed.post/")) | {k: "QUOTE", a: $e.did}),
        ([($r.facets // [])[].features[] | select(.["$type"] == "app.bsky.richtext.facet#mention") | .did]
         | unique[] | select(. != $parent) | {k: "MENTION", a: $e.did})
    elif .commit.collection == "app.bsky.feed.repost" then {k: "REPOST", a: $e.did}
    elif .commit.collection == "app.bsky.feed.like" then {k: "LIKE", a: $e.did}
    elif .commit.collection == "app.bsky.graph.follow" then {k: "FOLLOW", a: $e.did}
    else empty end ]
| (group_by(.k) | map({key: .[0].k, value: length}) | from_entries) + {actors: (map(.a) | unique | length)}
