"""Boilerplate vocabulary, kept as data.

Each reason has patterns for the words page templates use (widgets, footers, credits). They
describe kinds of template text, not particular sites: none names a site or a story. All
are matched case-insensitively against one whitespace-normalized line.

`STRONG` patterns are specific enough to trust on a long, sentence-like line ("The post …
appeared first on …"). The others are trusted only on short lines, where a word such as
"newsletter" or "comments" is the whole point of the line rather than part of a story.
"""

from __future__ import annotations

import re

_SOCIAL_NETWORKS = (
    r"facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|tumblr|email|e-mail|"
    r"print|messenger|flipboard|pocket|copy link|sms|mail|instagram|youtube|tiktok|threads|"
    r"bluesky|mastodon|vk|weibo|wechat|line|viber|share|tweet|google\+?"
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)

WEAK: dict[str, list[str]] = {
    "comment-widget": [
        r"^(leave|post|add|write|submit) (a |your )?(reply|comment|response)\b",
        r"^(\d+|no|one|two|three) (comments?|responses?|thoughts?|replies|reactions?)\b",
        r"^comments?( \(\d+\)| \d+)?:?$",
        r"^(show|view|load|see|read|hide) (all |more |\d+ )?(comments?|replies|responses)\b",
        r"^(log|sign) ?in (to|or register to) (comment|reply|post)",
        r"^notify me of\b",
        r"^(reply|cancel reply|report|flag|permalink|edit|like|dislike|upvote|downvote)$",
        r"^(name|email|e-mail|website|comment)\s*\*?:?$",
        r"^(your email address will not be published|required fields are marked)",
        r"^save my name, email",
        r"^[\w.'’-]+( [\w.'’-]+){0,3} (says|said|wrote|writes|commented|replied):$",
        r"^[\w.'’-]+( [\w.'’-]+){0,2} (says|writes)$",
        r"\b(\d{1,2}:\d{2}\s*(am|pm)|\d+ (minutes?|hours?|days?|weeks?|months?) ago)$",
        r"^(pingback|trackback)\b",
        r"\bcomments? (are|is) (closed|moderated|disabled)\b",
        r"^(newest|oldest|best|top) (first|comments?)$",
        r"^(sort|order) by\b",
        r"^join the (conversation|discussion|debate)\b",
        r"^(comment|reply|respond) (here|now|below)\b",
        r"^(what do you think|have your say)\b",
        r"^(be the first to comment|start the discussion)",
        r"\bcommunity (guidelines|rules|standards)\b",
    ],
    "social": [
        rf"^(share|follow|like|tweet|pin|send)( (this|it|the) (article|story|post|page))?( (on|via|with|to)( ({_SOCIAL_NETWORKS})\W*)*)?:?$",
        rf"^((share|post|send|follow)( (on|to|via|us on))? )?({_SOCIAL_NETWORKS})([\s|/·•,:;-]+({_SOCIAL_NETWORKS}))*\W*$",
        r"^share (this|the|on|via)\b",
        r"^like this:?$",
        r"^(like|liked by)\b.*\bloading",
        r"^loading\.*$",
        r"^(follow|find|join|connect with) us\b",
        r"^click to (share|email|print|tweet)\b",
        r"^[@#][\w.]+([\s,|]+[@#][\w.]+)*$",
        r"^(\d+ )?(shares?|likes?|retweets?)$",
    ],
    "related-links": [
        r"^(related|more)( (news|stories|articles|coverage|content|posts|reading|links|topics|videos?))?\s*:?$",
        r"^(read|see|watch|listen)( (more|also|next|this))?\s*:",
        r"^(read|see) (more|also)\s*:?$",
        r"^more (from|on|in|about|stories|news|headlines)\b",
        r"^(you|we think you) (may|might|could) (also )?(like|enjoy|be interested)\b",
        r"^(recommended|suggested|popular|trending|editor'?s? picks?|top stories|latest( news| stories)?|just in|in other news|elsewhere)( (for you|now|stories|articles|on \w+))?\s*:?$",
        r"^(most|more) (read|popular|viewed|shared|commented|emailed|watched)\b",
        r"^(further|also|keep) reading\b",
        r"^(don'?t|do not) miss\b",
        r"^(previous|next) (article|story|post)\b",
        r"^what to read next\b",
        r"^(stories|articles|news) you (may|might) have missed\b",
    ],
    "promo": [
        r"^(advertisement|advertising|ad|sponsored|promoted|paid (post|content)|partner content)\b\W*$",
        r"^(advertisement|advertising|ad feedback|sponsored)\b",
        r"^(give|donate) (monthly|once|now|today|what you can)\b",
        r"^[£$€]\d+ (could|can|will) (provide|buy|help|pay|feed|give)\b",
        r"\byour (donation|gift|support) (can|could|will|helps?)\b",
        r"^(bet|gamble|play) responsibly\b",
        r"\b(\d+/\d+|odds) (at|with) [A-Z]\w+",
        r"^(sponsored|promoted|presented) (content|by|post)\b",
        r"^(continue|keep) reading( (below|the (main )?story|after the ad))?\W*$",
        r"^scroll (down )?to continue\b",
        r"^(download|get|install) (our|the) (free )?app\b",
        r"^subscribe\b.*(\$|€|£|\bper\b|/month|\bmonth\b|\bweek\b|\btrial\b|\boffer\b|\bunlimited\b|\bdigital access\b)",
        r"^(support|fund|back)\b.{0,40}\b(journalism|reporting|news(room)?)\b",
        r"\bbecome a (member|subscriber|supporter|patron)\b",
        r"^(donate|become a (member|subscriber|supporter|patron))\b",
        r"^(already a (subscriber|member)|subscribers? only|premium( content| article)?|unlock)\b",
        r"^(this (article|story|content) is (for|only available to) (subscribers|members))",
        r"\b(limited[- ]time offer|special offer|free trial|\d+% off)\b",
        r"^(shop|buy) now\b",
    ],
    "newsletter": [
        r"\bnewsletters?\b",
        r"^(sign|signup|sign-up) (up|me up)?\s*(for|to|now|here)?\b",
        r"^(enter|type|your) (your )?e-?mail( address)?\b",
        r"^by (subscribing|signing up|clicking)\b",
        r"\b(in|to|straight to) your inbox\b",
        r"^thanks? (you )?for (subscribing|signing up)\b",
        r"^(subscribe|get (our|the) (daily|weekly|morning|evening))\b",
        r"^(daily|weekly|morning|evening) (briefing|digest|update|roundup)\b",
        r"^(you can )?unsubscribe at any time\b",
        r"\bunsubscribe\b",
        r"^(first|last|full) name\s*\*?:?$",
        r"^e-?mail( address)?\s*\*?:?$",
    ],
    "cookie": [
        r"\bcookies?\b",
        r"^(accept|reject|decline|allow)( all)?( cookies)?$",
        r"^(manage|customi[sz]e|change) (preferences|settings|consent|choices)\b",
        r"^(i agree|i accept|got it|ok,? i understand|agree and close)\W*$",
        r"\b(privacy (policy|notice|settings|preferences)|gdpr|consent preferences)\b",
        r"^we (value|care about|respect) your privacy\b",
        r"^(manage|more|show) (options|purposes|vendors|partners)\b",
        r"^(reject|accept|allow|refuse) (non-essential|all|necessary|optional|selected)\b",
        r"\blegitimate interest\b",
    ],
    "footer": [
        r"^(©|\(c\)|copyright\b)",
        r"\ball rights reserved\b",
        r"^(terms( of (use|service))?|terms (&|and) conditions|privacy|contact( us)?|about( us)?|careers|jobs|sitemap|site map|imprint|impressum|accessibility|advertise( with us)?|faq|help|corrections|ethics policy|rss( feeds?)?|archives?)(\s*[|·•/,]\s*[\w&' ]+)*$",
        r"\bmay not be (published|reproduced|redistributed|broadcast|rewritten|copied)\b",
        r"^(this (material|content|article) (may|must) not\b)",
        r"^(powered by|designed by|built with|proudly powered)\b",
        r"^(registered (office|in)|company (number|no\.?))\b",
        r"^(media|press) (contacts?|enquiries|inquiries)\s*:?$",
        r"^back to top\W*$",
    ],
    "photo-credit": [
        r"^\(?\s*([A-Z]+ )?(photo|photograph|picture|image|pic|foto)s?\s*(/|:|\||by|credit)\s*[^)]{2,80}\)?$",
        r"^\(?\s*[\w.-]+ (photo|pictures?)\s*/.*\)?$",
        r"^[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w&.-]*( [A-Z][\w&.-]*){0,2}$",
        r"^\(?(photo|image|picture)s?( credit)?s?\s*(:|-|–|—|\|)",
        r"^(credit|photo credit|image credit)\s*:",
        r"^\(?(getty images|reuters|afp|ap photo|epa|epa-efe|shutterstock|alamy|anadolu|xinhua|sipa|pa images?)(\s*/\s*[\w .'-]+)*\)?$",
        r"\((getty images|afp|reuters|ap|epa|epa-efe|anadolu agency|xinhua)(/[\w .'-]+)?\)$",
    ],
    "caption": [
        r"^(image|photo|picture|gallery|video|graphic|illustration|photograph|slideshow|infographic)s?( \d+( of| /) ?\d+)?\W*$",
        r"^(\d+|\d+ ?/ ?\d+) (images?|photos?|pictures?)$",
        r"^(click|tap) (to|here to) (enlarge|expand|zoom|view|play)\b",
        r"^(google|twitter|facebook|wordpress(\.com)?|gravatar|x) (photo|picture|image|logo)$",
        r"^(play|watch|replay)( the)? video\b",
        r"^(open|view) (gallery|image|photo)s?\b",
        r"^\d{1,2}:\d{2}$",
    ],
    "byline": [
        r"^by:? [\w.'’-]+( [\w.'’-]+){0,3}((,| and| &) [\w.'’-]+( [\w.'’-]+){0,3}){0,3}(,? ?[|/•·-]? ?(\w+ ?){0,4})?$",
        r"^\(?(additional )?(reporting|writing|editing|research|graphics|translation|compiled|written|edited)( and (writing|editing|reporting))? by\b",
        r"^([\w.'’-]+ ){0,3}(reporter|writer|correspondent|editor|contributor|staff|desk)s?(,[\w ]{0,30})?$",
        r"^(news )?(provided|supplied|written|contributed) by\b",
        r"^(author|posted by|written by|words by|story by|text|words|report)\s*:",
        r"^(author|posted by|written by|words by|story by)\b",
        r"^\w+( \w+){0,2} is an? (\w+ ){0,3}(reporter|correspondent|writer|editor|journalist)\b",
    ],
    "timestamp": [
        r"^\d+ min(ute)?s? read$",
        r"^\d+\s?(s|m|h|d|w|mo|y|mins?|hrs?)( ago)?$",
        r"^(published|updated|posted|last (updated|modified)|first published|modified)( on| at)?\b[^.]{0,60}$",
    ],
    "syndication-footer": [
        r"\bappeared first on\b",
        r"\boriginally (appeared|published|posted)( (on|in|at|by))?\b",
        r"\b(republished|reprinted|reproduced) (with permission|from|courtesy|under)\b",
        r"^(this (article|story|post|piece) (was|is|has been) )?(distributed|syndicated|provided) by\b",
        r"^(source|via|courtesy( of)?)\s*:\s*\S",
        r"^source\s+[A-Z]",
        r"^(distributed|issued|released) (by|on behalf of)\b",
        r"^the views expressed (in this|here)\b",
        r"^(read|view) the original( article| story)?\b",
    ],
    "navigation": [
        r"^skip to( the)? (main )?(content|navigation|search|footer)\b",
        r"^(home|menu|search|sections?|navigation|main menu|close|open|toggle navigation|more|all sections|browse|top|world|news|sign in|log in|login|register|my account)$",
        r"^\w[\w&' -]{0,25}(\s*[>»›/|]\s*\w[\w&' -]{0,25}){2,}$",
        r"^in (association|partnership|collaboration) with\b",
        r"^(logo\s*)+$",
        r"^[←→«»‹›<>]?\s*(next|previous|prev|older|newer)( (page|posts?|entries|articles?|stories))?\s*[»›>«‹<→]*$",
        r"^(watch|listen) live$",
        r"^[«‹<]?\s*(\d+\s+){1,}(next|»|›|>|…)",
        r"^[«‹<]?\s*(previous|prev)\b.{0,20}\bnext\b",
        r"^page \d+( of \d+)?$",
        r"^(you are here|breadcrumbs?)\s*:",
        r"^(filed|posted) (in|under)\s*:?",
        r"^(tags?|topics?|categories|category|keywords)\s*:",
        r"^(print|email|save|bookmark|listen|font size|text size|a\+? ?a-?)$",
        r"^(listen to (this )?(article|story))\b",
    ],
}

STRONG: dict[str, list[str]] = {
    "comment-widget": [
        r"\byou are commenting using your\b",
        r"^(leave|post) a (reply|comment)\b",
        r"^\d+ (thoughts?|comments?|responses?|replies) (on|to) [“\"‘']",
        r"^(pingback|trackback)\s*:",
        r"^notify me of (new|follow-up) (comments|posts)\b",
        r"^your email address will not be published\b",
    ],
    "syndication-footer": [
        r"^the post .{3,300} appeared first on\b",
        r"^.{0,200}\bappeared first on [\w .'-]+\.?$",  # not a paragraph it was glued to
        r"^this (article|story|post) (was )?originally (appeared|published) (on|in|at|by)\b",
        r"^(this (article|story|piece) (is|was) )?republished (from|with permission|under)\b",
        r"^(distributed|issued|released) (by|on behalf of) .{2,80}$",
    ],
    "footer": [
        r"\ball rights reserved\b",
        r"\bmay not be (published|reproduced|redistributed|broadcast|rewritten)\b",
        r"\bis a registered (charity|trademark|trade mark|company)\b",
    ],
    "promo": [
        r"^[£$€]\d+ (could|can|will) (provide|buy|help|pay|feed|give)\b",
        r"\bplease (give|donate)\b",
    ],
    "newsletter": [
        r"^(sign up|subscribe) (for|to) (our|the) [\w' -]*newsletter\b",
        r"^by (subscribing|signing up|clicking|registering|entering your email)\b.*\b(agree|consent|privacy|terms)\b",
        r"\b(your sign-up|sign-up) to provide content\b",
        r"\b(straight |delivered )?(to|in) your inbox\b",
        r"\b(opt out|unsubscribe) at any time\b",
    ],
    "related-links": [
        r"^(also read|read also|related|more|see also|read more|read next|watch|listen|more on this( story)?)\s*:\s*\S.{0,150}$",
    ],
    "cookie": [
        r"\b(we|this (site|website)) uses? cookies\b",
        r"\b(we and our partners|our partners) (store|use|access|process)\b",
        r"\bby (continuing to (use|browse)|using) (this|our) (site|website)\b.*\b(cookies|privacy|agree)\b",
    ],
}

# Comment-thread headers: what opens a thread that runs to the end of the page.
COMMENT_HEADERS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(\d+|no|one|two|three) (comments?|responses?|thoughts?|replies|reactions?)\b",
        r"^comments?( \(\d+\)| \d+)?:?$",
        r"^(leave|post|add|write|submit) (a |your )?(reply|comment|response)\b",
        r"^join the (conversation|discussion|debate)\b",
        r"^(show|view|load|see|read) (all |\d+ )?(comments?|replies|responses)\b",
        r"^(pingback|trackback)\b",
        r"\byou are commenting using\b",
        r"^(what do you think|have your say)\b",
        r"^(comment|reply|respond) (here|now|below)\b",
    )
]

# Section headers: a line matching these opens a region whose following lines share its
# reason (a comment thread under "Leave a Reply", headlines under "Related News").
SECTION_REASONS = ("comment-widget", "related-links")

# "Read this in Arabic" links and the like, in any language the link is written in.
FOREIGN_LINK = re.compile(
    r"^(read|view|lire|leer|lesen|leggi|ler|читать|اقرأ)\b.{0,40}\b"
    r"(arabic|french|spanish|german|russian|chinese|turkish|persian|farsi|urdu|hebrew|"
    r"portuguese|italian|english|français|francais|español|espanol|deutsch|italiano|"
    r"português|العربية|عربي|на русском)\b",
    re.IGNORECASE,
)

DATE_WORDS = re.compile(
    rf"^(?:{_MONTHS}|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(rs(day)?)?|fri(day)?|"
    r"sat(urday)?|sun(day)?|today|yesterday|am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|est|edt|"
    r"pst|pdt|et|pt|ist|published|updated|posted|last|modified|first|on|at|ago|mins?|"
    r"minutes?|hours?|hrs?|days?|weeks?|read|time|st|nd|rd|th)$",
    re.IGNORECASE,
)


def compile_patterns(table: dict[str, list[str]]) -> list[tuple[str, re.Pattern[str]]]:
    return [(reason, re.compile(p, re.IGNORECASE)) for reason, ps in table.items() for p in ps]


WEAK_PATTERNS = compile_patterns(WEAK)
STRONG_PATTERNS = compile_patterns(STRONG)
