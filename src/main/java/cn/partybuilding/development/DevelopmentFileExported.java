package cn.partybuilding.development;

/** Documents or the PDF of a person's development file were downloaded (they hold personal data). */
public record DevelopmentFileExported(long personId, String summary) implements DevelopmentPersonEvent {

	@Override
	public String action() {
		return "development.export";
	}
}
