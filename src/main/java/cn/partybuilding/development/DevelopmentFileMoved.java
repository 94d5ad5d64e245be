package cn.partybuilding.development;

/** A person not yet admitted moved to another branch; their file (every step) moved with them. */
public record DevelopmentFileMoved(long personId, long fromBranchId, long toBranchId, String summary)
		implements DevelopmentPersonEvent {

	@Override
	public String action() {
		return "development.move";
	}
}
