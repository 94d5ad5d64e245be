package cn.partybuilding.training;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.partybuilding.certificate.Certificates;
import cn.partybuilding.certificate.IssuedCertificate;
import cn.partybuilding.certificate.NewCertificate;

/**
 * A completed class earns its certificate (the certificate module's PDF with a code anyone can verify): issued
 * after the completion committed, once per member and class (the certificate module keeps one per subject and
 * account; a retried event returns the first). A member without an account gets none.
 */
@Component
class TrainingCertificates {

	static final String KIND = "TRAINING";

	private final Certificates certificates;

	private final MessageSource messages;

	TrainingCertificates(Certificates certificates, MessageSource messages) {
		this.certificates = certificates;
		this.messages = messages;
	}

	@ApplicationModuleListener(condition = "#event.accountId() != null")
	void on(TrainingClassCompleted event) {
		// the PDF is kept in Chinese, whatever the holder's language
		String achievement = messages.getMessage("training.certificate.achievement",
				new Object[] { event.hours().stripTrailingZeros().toPlainString() }, Locale.SIMPLIFIED_CHINESE);
		certificates.issue(new NewCertificate(KIND, event.classId(), event.accountId(), event.memberId(),
				event.memberName(), event.organizationId(), event.title(), achievement, event.at()));
	}

	/** The certificate's PDF link for the classes the account completed, where one was issued. */
	Map<Long, String> pdfPaths(long accountId, java.util.Collection<Long> classIds) {
		Map<Long, String> paths = new java.util.HashMap<>();
		for (Long id : classIds) {
			Optional<IssuedCertificate> found = certificates.find(KIND, id, accountId);
			found.ifPresent(c -> paths.put(id, c.pdfPath()));
		}
		return paths;
	}
}
