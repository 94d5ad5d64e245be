package cn.partybuilding.member;

/** The full ID-card number and phone, for the roles that may see them (each reveal is audited). */
record Revealed(String idCard, String phone) {
}
