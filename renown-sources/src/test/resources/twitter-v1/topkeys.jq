# Top hashtags, cashtags and mentions of the tweets Renown reads as interactions (those with a
# retweet, quote, reply or mention), counted once per tweet, from Twitter's own entities.
#   zcat FILE | jq -s -r -f topkeys.jq
# Used by TopicKeysOnRealSamplesTest; independent of the Java text scanning.
[.[] | if type == "array" then .[] elif has("statuses") then .statuses[] else . end | select(type == "object" and has("user"))]
| unique_by(.id_str // (.id | tostring))
| map(select(.retweeted_status != null or .quoted_status != null or .in_reply_to_user_id != null
             or ((.extended_tweet.entities // .entities).user_mentions // []) != []))
| [ .[] | (.extended_tweet.entities // .entities) as $e
    | (([$e.hashtags[]?.text | ascii_downcase] | unique | map("#" + .))
     + ([$e.symbols[]?.text | ascii_downcase] | unique | map("$" + .))
     + ([$e.user_mentions[]?.screen_name | ascii_downcase] | unique | map("@" + .))) [] ]
| group_by(.) | map([.[0], length]) | sort_by(-.[1], .[0]) | .[:12] | map("\(.[0])=\(.[1])") | join(" ")
