package cn.partybuilding.shared;

/**
 * The tsquery literals of what someone typed: match has every word of the query (ANDed): a Latin word or number
 * as itself, one Chinese character as a prefix (it is the start of a bigram, or a run's last character), two as
 * their bigram, three or more as their overlapping trigrams (发展党员: 发展党 and 展党员), which finds the word
 * as written, not its bigrams apart; rank has the rank terms of the query ORed, for ts_rank_cd. When
 * nothing searchable is left (only punctuation), SearchTerms.query gives none.
 */
public record SearchQuery(String match, String rank) {
}
