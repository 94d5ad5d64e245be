package cn.partybuilding.transfer;

/** An organisation to choose on a page, labelled "college / branch". */
record BranchOption(long id, String label) {
}
