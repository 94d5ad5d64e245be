package cn.partybuilding.transfer;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.PlatformZone;

/**
 * The transfer lists as Excel sheets for the offices: the transfers in scope, the 口袋党员. A sheet's headings
 * are its own (Chinese) words; the kinds, states, stages and reasons in its cells come from the messages.
 */
@Component
class TransferSheets {

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	TransferSheets(MessageSource messages, ApplicationEventPublisher events) {
		this.messages = messages;
		this.events = events;
	}

	ResponseEntity<byte[]> transfers(List<TransferView> rows, Locale locale) {
		events.publishEvent(new TransferListExported(
				rows.stream().map(TransferView::memberId).filter(Objects::nonNull).distinct().toList(), "导出组织关系转接列表（Excel）"));
		return Downloads.sheet("组织关系转接.xlsx", "transfers.xlsx", "组织关系转接",
				List.of("党员", "类型", "状态", "转出", "转入", "原因", "申请人", "申请时间", "介绍信编号", "有效期至", "回执"),
				rows.stream().map(t -> List.<Object>of(t.memberName(), messages.getMessage("transfer.kind." + t.kind(), null, locale),
						messages.getMessage(t.stage() != null ? "transfer.stage." + t.stage() : "transfer.state." + t.state(), null, locale),
						t.fromName(), t.toName(), t.reason(), t.startedBy(), t.startedAt().atZone(PlatformZone.ZONE)
							.toLocalDate().toString(),
						t.letter() == null ? "" : t.letter().number(),
						t.letter() == null || t.letter().validUntil() == null ? "" : t.letter().validUntil().toString(),
						t.letter() == null || t.letter().receiptNo() == null ? "" : t.letter().receiptNo())).toList());
	}

	ResponseEntity<byte[]> pocketMembers(List<PocketMembers.Pocket> rows, Locale locale) {
		events.publishEvent(new TransferListExported(rows.stream().map(PocketMembers.Pocket::memberId).distinct().toList(),
				"导出口袋党员名单（Excel）"));
		return Downloads.sheet("口袋党员.xlsx", "pocket-members.xlsx", "口袋党员", List.of("姓名", "党组织", "原因", "自", "责任"),
				rows.stream().map(p -> List.<Object>of(p.name(), p.organizationName(),
						messages.getMessage("transfer.pocket.why." + p.why(), null, locale), p.since().toString(), p.responsible()))
					.toList());
	}
}
