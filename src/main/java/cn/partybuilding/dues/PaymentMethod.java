package cn.partybuilding.dues;

/** How dues were paid: online through a provider, or taken by hand by the branch. */
public enum PaymentMethod {
	ONLINE, CASH, BANK_TRANSFER, PAYROLL
}
