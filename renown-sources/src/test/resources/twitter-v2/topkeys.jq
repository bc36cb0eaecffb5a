# Top hashtags, cashtags and mentions of the tweets Renown reads as interactions (those with a
# retweet, quote, reply or mention), counted once per tweet, from Twitter's own entities.
#   zcat FILE | jq -s -r -f topkeys.jq
# Used by TopicKeysOnRealSamplesTest; independent of the Java text scanning.
[.[] | .data[]?] | unique_by(.id)
| map(select((.referenced_tweets // []) != [] or (.entities.mentions // []) != [] or .in_reply_to_user_id != null))
| [ .[] | (([.entities.hashtags[]?.tag | ascii_downcase] | unique | map("#" + .))
         + ([.entities.cashtags[]?.tag | ascii_downcase] | unique | map("$" + .))
         + ([.entities.mentions[]?.username | ascii_downcase] | unique | map("@" + .))) [] ]
| group_by(.) | map([.[0], length]) | sort_by(-.[1], .[0]) | .[:12] | map("\(.[0])=\(.[1])") | join(" ")
