# Independent count of what Renown's bluesky-jetstream reader should emit for one file, restating
# the rules of docs/formats.md in jq. Input: the file's events, slurped (jq -s):
#   jq -s -c -f counts.jq FILE
# Output keys (the same in every counts.jq): interactions per kind, distinct actors and event ids,
# profiles, rejects in total and per reason, skipped records per reason.
def did: if type == "string" and startswith("at://did:") then (.[5:] | split("/")[0]) else null end;
[ .[] | select(.kind == "commit" and .commit.operation == "create") ] as $creates
| [ $creates[] | . as $e | .commit.record as $r
    | "bluesky/at://\(.did)/\(.commit.collection)/\(.commit.rkey)" as $id
    | if .commit.collection == "app.bsky.feed.post" then
        ($r.reply.parent.uri | did) as $parent
        | (if $parent then {k: "reply", a: $e.did, e: "\($id)/reply"} else empty end),
          (($r.embed | if .["$type"] == "app.bsky.embed.record" then .record.uri
                       elif .["$type"] == "app.bsky.embed.recordWithMedia" then .record.record.uri else null end)
           | select(. != null and contains("/app.bsky.feed.post/")) | {k: "quote", a: $e.did, e: "\($id)/quote"}),
          # mention facets, each DID once, not the account replied to
          ([($r.facets // [])[].features[] | select(.["$type"] == "app.bsky.richtext.facet#mention") | .did]
           | unique[] | select(. != $parent) | {k: "mention", a: $e.did, e: "\($id)/mention/\(.)"})
      elif .commit.collection == "app.bsky.feed.repost" then {k: "repost", a: $e.did, e: $id}
      elif .commit.collection == "app.bsky.feed.like" then {k: "like", a: $e.did, e: $id}
      elif .commit.collection == "app.bsky.graph.follow" then {k: "follow", a: $e.did, e: $id}
      else empty end ] as $acts
| [ $creates[] | select(.commit.collection == "app.bsky.feed.post") | "at://\(.did)/app.bsky.feed.post/\(.commit.rkey)" ]
  as $posts
| def count($k): [$acts[] | select(.k == $k)] | length;
{ repost: count("repost"),
  quote: count("quote"),
  reply: count("reply"),
  mention: count("mention"),
  like: count("like"),
  follow: count("follow"),
  actors: ([$acts[] | .a] | unique | length),
  events: ([$acts[] | .e] | unique | length),
  # identity events with a handle, profile records with a display name
  profiles: ([ .[] | select((.kind == "identity" and .identity.handle != null)
                            or (.kind == "commit" and .commit.collection == "app.bsky.actor.profile"
                                and .commit.operation != "delete" and .commit.record.displayName != null)) ] | length),
  rejects: 0,
  "skipped.no-interaction": ([ $posts[] | select(. as $p | [$acts[] | select(.e | startswith("bluesky/" + $p + "/"))]
                                          | length == 0) ] | length),
  "skipped.other-collection": ([ $creates[] | select(.commit.collection | IN("app.bsky.feed.post", "app.bsky.feed.repost",
                                   "app.bsky.feed.like", "app.bsky.graph.follow") | not) ] | length),
  "skipped.update": ([ .[] | select(.kind == "commit" and .commit.operation == "update") ] | length),
  "skipped.delete": ([ .[] | select(.kind == "commit" and .commit.operation == "delete") ] | length),
  "skipped.identity-event": ([ .[] | select(.kind == "identity") ] | length),
  "skipped.account-event": ([ .[] | select(.kind == "account") ] | length) }
