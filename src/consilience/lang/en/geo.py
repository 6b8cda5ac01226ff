"""English words that mark (or unmark) place names: the toponym detector's word lists."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

#: Words before a name that make it a place.
LOCATIVE = frozenset({"in", "near", "at", "from", "to", "towards", "toward", "outside", "around",
                      "into", "across", "via", "through", "between", "of", "nearby",
                      "north", "south", "east", "west", "outskirts", "inside", "within",
                      "northeast", "northwest", "southeast", "southwest", "reach", "reached",
                      "captured", "recaptured", "liberated", "retook", "visited", "entered",
                      "shelled", "struck", "hit", "attacked", "seized", "took", "left"})
LOCALITY_NOUNS = r"city|town|village|settlement|hamlet|township|port|suburb|borough|capital"
ADMIN_NOUNS = (r"region|oblast|province|state|county|district|governorate|krai|raion|prefecture|"
               r"territory|republic|parish")
#: Capitalised words that start sentences or titles but are not places on their own.
NOT_NAMES = frozenset({"the", "a", "an", "this", "that", "these", "those", "he", "she", "it",
                       "they", "we", "i", "you", "mr", "mrs", "ms", "dr", "monday", "tuesday",
                       "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                       "february", "march", "april", "may", "june", "july", "august",
                       "september", "october", "november", "december", "president", "army",
                       "police", "minister", "officials", "government", "state", "city", "union",
                       "north", "south", "east", "west", "central", "said", "new", "university",
                       "western", "eastern", "northern", "southern", "coast", "capital",
                       "upper", "lower", "greater", "federal", "national", "island", "river",
                       "earth", "world", "moon", "sun", "heaven", "hell", "globe"}) | frozenset(
    STOP_WORDS)  # the language's function words: "Well, she was in that boat" is no town
