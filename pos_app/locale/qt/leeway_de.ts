<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CoachingDialog</name>
    <message>
        <source>Coaching notes: {name}</source>
        <translation>Coaching-Notizen: {name}</translation>
    </message>
    <message>
        <source>Coaching notes</source>
        <translation>Coaching-Notizen</translation>
    </message>
    <message>
        <source>Private: kept for the managers of this store and never shown to {name}. Write what was seen and what you agreed, not a verdict.</source>
        <translation>Vertraulich: nur für die Manager dieses Standorts, {name} bekommt sie nie zu sehen. Halten Sie fest, was beobachtet und was vereinbart wurde, kein Urteil.</translation>
    </message>
    <message>
        <source>Earlier coaching notes</source>
        <translation>Frühere Coaching-Notizen</translation>
    </message>
    <message>
        <source>New coaching note</source>
        <translation>Neue Coaching-Notiz</translation>
    </message>
    <message>
        <source>A new note (Ctrl+Enter keeps it)</source>
        <translation>Neue Notiz (Ctrl+Enter speichert sie)</translation>
    </message>
    <message>
        <source>&amp;New note</source>
        <translation>&amp;Neue Notiz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Keep note</source>
        <translation>Notiz &amp;speichern</translation>
    </message>
    <message>
        <source>Keep the coaching note</source>
        <translation>Coaching-Notiz speichern</translation>
    </message>
    <message>
        <source>Keep the note (Alt+K or Ctrl+Enter)</source>
        <translation>Notiz speichern (Alt+S oder Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Earlier notes</source>
        <translation>Frühere Notizen</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Noch keine Notizen.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Schreiben Sie zuerst die Notiz.</translation>
    </message>
    <message>
        <source>A note holds at most {n} characters; this one has {m}.</source>
        <translation>Eine Notiz darf höchstens {n} Zeichen haben; diese hat {m}.</translation>
    </message>
    <message>
        <source>Keeping…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Kept.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Could not reach the notes; please try again.</source>
        <translation>Die Notizen sind nicht erreichbar; bitte versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Confirm {action}</source>
        <translation>{action} bestätigen</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>e.g. 25.00</source>
        <translation>z. B. 25,00</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Required over {amount}</source>
        <translation>Erforderlich bei mehr als {amount}</translation>
    </message>
    <message>
        <source>Apology on the voucher</source>
        <translation>Entschuldigung auf dem Gutschein</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Gewähren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Apology</source>
        <translation>Entschuldigung</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>Der Betrag muss größer als null sein.</translation>
    </message>
    <message>
        <source>A note is required for more than {amount}: say what happened.</source>
        <translation>Bei mehr als {amount} ist eine Notiz erforderlich: Beschreiben Sie, was passiert ist.</translation>
    </message>
</context>
<context>
    <name>ContactCard</name>
    <message>
        <source>first name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>city</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>postal code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>loyalty number</source>
        <translation>Kundenkartennummer</translation>
    </message>
    <message>
        <source>room</source>
        <translation>Zimmer</translation>
    </message>
    <message>
        <source>Customer {id}</source>
        <translation>Gast {id}</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field}: {reason}</translation>
    </message>
</context>
<context>
    <name>CounterWidget</name>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Make it right</source>
        <translation>Wiedergutmachung</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Find a guest to begin: type a name, a few digits of their phone, an e-mail, a loyalty or room number.</source>
        <translation>Suchen Sie zuerst einen Gast: Geben Sie einen Namen, einige Ziffern der Telefonnummer, eine E-Mail-Adresse, eine Kundenkarten- oder Zimmernummer ein.</translation>
    </message>
    <message>
        <source>Saved {field}.</source>
        <translation>{field} gespeichert.</translation>
    </message>
    <message>
        <source>Could not save; please try again.</source>
        <translation>Speichern nicht möglich; bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Wird erfasst…</translation>
    </message>
    <message>
        <source>Done: {action} of {amount} recorded, approved by {approver}.</source>
        <translation>Erledigt: {action} über {amount} erfasst, freigegeben von {approver}.</translation>
    </message>
    <message>
        <source>Done: {action} of {amount} recorded.</source>
        <translation>Erledigt: {action} über {amount} erfasst.</translation>
    </message>
    <message>
        <source>Voucher {code} issued.</source>
        <translation>Gutschein {code} ausgestellt.</translation>
    </message>
    <message>
        <source>Needs approval from a {tier} or above. {why}</source>
        <translation>Freigabe ab Stufe {tier} erforderlich. {why}</translation>
    </message>
    <message>
        <source>Not possible: {why}</source>
        <translation>Nicht möglich: {why}</translation>
    </message>
    <message>
        <source>{action} of {amount} for {who}</source>
        <translation>{action} über {amount} für {who}</translation>
    </message>
    <message>
        <source>Could not check the approver; nothing was recorded.</source>
        <translation>Die freigebende Person konnte nicht geprüft werden; nichts wurde erfasst.</translation>
    </message>
    <message>
        <source>Could not refer it.</source>
        <translation>Weiterleitung nicht möglich.</translation>
    </message>
    <message>
        <source>Referred: the {action} is pending until a {tier} decides it.</source>
        <translation>Weitergeleitet: {action} bleibt offen, bis jemand der Stufe {tier} darüber entscheidet.</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was recorded.</source>
        <translation>Etwas ist schiefgelaufen; nichts wurde erfasst.</translation>
    </message>
</context>
<context>
    <name>CustomerResultsModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Zimmer</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Kundenkarte</translation>
    </message>
    <message>
        <source>{column}: {value}</source>
        <translation>{column}: {value}</translation>
    </message>
</context>
<context>
    <name>DecisionsTab</name>
    <message>
        <source>Decisions</source>
        <translation>Entscheidungen</translation>
    </message>
    <message>
        <source>Summary of the decisions</source>
        <translation>Zusammenfassung der Entscheidungen</translation>
    </message>
    <message>
        <source>Reco&amp;gnise…</source>
        <translation>Anerkennun&amp;g…</translation>
    </message>
    <message>
        <source>Recognise the selected decision</source>
        <translation>Ausgewählte Entscheidung anerkennen</translation>
    </message>
    <message>
        <source>Tell the employee this decision was well made; they see it at their next sign-in (Alt+G)</source>
        <translation>Bestätigt dem Mitarbeiter, dass diese Entscheidung gut getroffen wurde; sichtbar bei der nächsten Anmeldung (Alt+G)</translation>
    </message>
    <message>
        <source>Enter or a double-click opens the guest at the counter.</source>
        <translation>Enter oder Doppelklick öffnet den Gast am Schalter.</translation>
    </message>
    <message>
        <source>{channel} {n}</source>
        <translation>{channel}: {n}</translation>
    </message>
    <message>
        <source>approved by someone else: {n} ({channels})</source>
        <translation>von anderen freigegeben: {n} ({channels})</translation>
    </message>
    <message>
        <source>1 decision</source>
        <translation>1 Entscheidung</translation>
    </message>
    <message>
        <source>{n} decisions</source>
        <translation>{n} Entscheidungen</translation>
    </message>
    <message>
        <source>approved by someone else: {n}</source>
        <translation>von anderen freigegeben: {n}</translation>
    </message>
    <message>
        <source>overrides: {n}</source>
        <translation>Ausnahmefreigaben: {n}</translation>
    </message>
    <message>
        <source>allowance exceptions: {n}</source>
        <translation>Kontingentausnahmen: {n}</translation>
    </message>
    <message>
        <source>referrals: {n}</source>
        <translation>Weiterleitungen: {n}</translation>
    </message>
    <message>
        <source>vouchers: {n}, {m} came back</source>
        <translation>Gutscheine: {n}, davon {m} zurückgekommen</translation>
    </message>
</context>
<context>
    <name>FarAnswers</name>
    <message>
        <source>Phone approval</source>
        <translation>Telefonfreigabe</translation>
    </message>
    <message>
        <source>Answer a telephone approval</source>
        <translation>Telefonische Freigabe beantworten</translation>
    </message>
    <message>
        <source>Answer an approval asked by telephone (Ctrl+Shift+A)</source>
        <translation>Eine telefonisch angefragte Freigabe beantworten (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Requests from other desks waiting for an approver (Ctrl+Shift+W)</source>
        <translation>Anfragen anderer Schalter, die auf eine Freigabe warten (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <source>1 approval waiting</source>
        <translation>1 Freigabe wartet</translation>
    </message>
    <message>
        <source>{n} approvals waiting</source>
        <translation>{n} Freigaben warten</translation>
    </message>
</context>
<context>
    <name>HistoryTable</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>Freigabe durch</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Customer history</source>
        <translation>Verlauf des Gastes</translation>
    </message>
    <message>
        <source>approved by {name}</source>
        <translation>freigegeben von {name}</translation>
    </message>
    <message>
        <source>“{note}”</source>
        <translation>„{note}“</translation>
    </message>
    <message>
        <source>{who}: “{note}”</source>
        <translation>{who}: „{note}“</translation>
    </message>
    <message>
        <source>(by telephone)</source>
        <translation>(telefonisch)</translation>
    </message>
    <message>
        <source>(online)</source>
        <translation>(online)</translation>
    </message>
    <message>
        <source>{field} corrected: {before} → {after}</source>
        <translation>{field} korrigiert: {before} → {after}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>{what}: referred, pending a {tier}&apos;s decision</source>
        <translation>{what}: weitergeleitet, Entscheidung durch Stufe {tier} ausstehend</translation>
    </message>
    <message>
        <source>{what}: referred → approved by {name}</source>
        <translation>{what}: weitergeleitet → freigegeben von {name}</translation>
    </message>
    <message>
        <source>{what}: referred → declined by {name}</source>
        <translation>{what}: weitergeleitet → abgelehnt von {name}</translation>
    </message>
    <message>
        <source>Voucher {code} {state}</source>
        <translation>Gutschein {code} {state}</translation>
    </message>
    <message>
        <source>{what}: referred → approved → granted</source>
        <translation>{what}: weitergeleitet → freigegeben → gewährt</translation>
    </message>
    <message>
        <source>voucher {code} {state}</source>
        <translation>Gutschein {code} {state}</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>ausgestellt</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>eingelöst</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Weitergeleitet</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Gewährt</translation>
    </message>
    <message>
        <source>Voucher issued</source>
        <translation>Gutschein ausgestellt</translation>
    </message>
    <message>
        <source>Voucher redeemed</source>
        <translation>Gutschein eingelöst</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>Korrigiert</translation>
    </message>
    <message>
        <source>{step} {when} by {who}</source>
        <translation>{step} am {when} von {who}</translation>
    </message>
    <message>
        <source>{step}: “{note}”</source>
        <translation>{step}: „{note}“</translation>
    </message>
    <message>
        <source>Note: “{note}”</source>
        <translation>Notiz: „{note}“</translation>
    </message>
    <message>
        <source>Voucher valid until {day}</source>
        <translation>Gutschein gültig bis {day}</translation>
    </message>
    <message>
        <source>Enter or double-click to reprint (marked COPY)</source>
        <translation>Enter oder Doppelklick: erneut drucken (mit Vermerk KOPIE)</translation>
    </message>
</context>
<context>
    <name>InlineField</name>
    <message>
        <source>Click or press F2 to edit; Enter saves, Esc reverts</source>
        <translation>Zum Bearbeiten klicken oder F2 drücken; Enter speichert, Esc setzt zurück</translation>
    </message>
</context>
<context>
    <name>LearningTab</name>
    <message>
        <source>Patterns</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>Places named again and again</source>
        <translation>Wiederholt genannte Orte</translation>
    </message>
    <message>
        <source>Repeat guests</source>
        <translation>Wiederkehrende Gäste</translation>
    </message>
    <message>
        <source>Guests with three or more recoveries within 90 days; Enter opens the guest at the counter</source>
        <translation>Gäste mit drei oder mehr Wiedergutmachungen innerhalb von 90 Tagen; Enter öffnet den Gast am Schalter</translation>
    </message>
    <message>
        <source>Decisions per week, by category</source>
        <translation>Entscheidungen pro Woche, nach Kategorie</translation>
    </message>
    <message>
        <source>Coaching &amp;note…</source>
        <translation>Coaching-&amp;Notiz…</translation>
    </message>
    <message>
        <source>Coaching note for the pattern&apos;s employee</source>
        <translation>Coaching-Notiz zum Mitarbeiter des Musters</translation>
    </message>
    <message>
        <source>A private note about the selected pattern&apos;s employee (Alt+N)</source>
        <translation>Eine vertrauliche Notiz zum Mitarbeiter des ausgewählten Musters (Alt+N)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Patterns worth a conversation (not verdicts)</source>
        <translation>Muster, die ein Gespräch wert sind (keine Urteile)</translation>
    </message>
    <message>
        <source>Repeat guests (3 or more in 90 days)</source>
        <translation>Wiederkehrende Gäste (3 oder mehr in 90 Tagen)</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>Häufigkeit</translation>
    </message>
    <message>
        <source>One reason</source>
        <translation>Immer derselbe Grund</translation>
    </message>
    <message>
        <source>Repeated credit</source>
        <translation>Wiederholte Gutschrift</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Entscheidungen</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>What was seen</source>
        <translation>Beobachtung</translation>
    </message>
    <message>
        <source>Nothing here stands out for this period.</source>
        <translation>In diesem Zeitraum fällt nichts auf.</translation>
    </message>
    <message>
        <source>Found over the whole period; the filters above do not narrow them.</source>
        <translation>Über den gesamten Zeitraum ermittelt; die Filter oben schränken sie nicht ein.</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Gast</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Leeway — {store}</source>
        <translation>Leeway — {store}</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Lock the desk (Ctrl+L)</source>
        <translation>Schalter sperren (Ctrl+L)</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Check or redeem a voucher (Ctrl+Shift+V)</source>
        <translation>Gutschein prüfen oder einlösen (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>Check a voucher</source>
        <translation>Gutschein prüfen</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Weiterleitungen</translation>
    </message>
    <message>
        <source>Pending referrals and lockouts (Ctrl+R)</source>
        <translation>Offene Weiterleitungen und Kontosperren (Ctrl+R)</translation>
    </message>
    <message>
        <source>Referrals and accounts</source>
        <translation>Weiterleitungen und Konten</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>Review and learning (Ctrl+Shift+R)</source>
        <translation>Auswertung und Lernen (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Review and learning</source>
        <translation>Auswertung und Lernen</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Sign out (Ctrl+Shift+Q)</source>
        <translation>Abmelden (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <source>Opening the desk…</source>
        <translation>Schalter wird geöffnet…</translation>
    </message>
    <message>
        <source>Audit log damaged — tell a manager</source>
        <translation>Prüfprotokoll beschädigt — informieren Sie einen Manager</translation>
    </message>
    <message>
        <source>Policy {version} is now in force.</source>
        <translation>Richtlinie {version} ist jetzt in Kraft.</translation>
    </message>
    <message>
        <source>The local audit log does not verify: {problem} Run &apos;leeway audit verify&apos; and do not sync this desk until it is explained.</source>
        <translation>Das lokale Prüfprotokoll lässt sich nicht verifizieren: {problem} Führen Sie &apos;leeway audit verify&apos; aus und synchronisieren Sie diesen Schalter erst, wenn die Ursache geklärt ist.</translation>
    </message>
    <message>
        <source>Back to the review: Ctrl+Shift+R</source>
        <translation>Zurück zur Auswertung: Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Signed in: {name} ({id})</source>
        <translation>Angemeldet: {name} ({id})</translation>
    </message>
    <message>
        <source>Locked by {name}. Sign in to continue.</source>
        <translation>Gesperrt von {name}. Melden Sie sich an, um fortzufahren.</translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <source>Referrals and accounts</source>
        <translation>Weiterleitungen und Konten</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefragt</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Gast</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason and note</source>
        <translation>Grund und Notiz</translation>
    </message>
    <message>
        <source>Pending referrals</source>
        <translation>Offene Weiterleitungen</translation>
    </message>
    <message>
        <source>No referrals are pending.</source>
        <translation>Keine offenen Weiterleitungen.</translation>
    </message>
    <message>
        <source>Decision note</source>
        <translation>Notiz zur Entscheidung</translation>
    </message>
    <message>
        <source>Note for the record (optional)</source>
        <translation>Notiz für die Akte (optional)</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>A&amp;blehnen…</translation>
    </message>
    <message>
        <source>Decline referral</source>
        <translation>Weiterleitung ablehnen</translation>
    </message>
    <message>
        <source>Decline the selected referral; asks first (Alt+D)</source>
        <translation>Ausgewählte Weiterleitung ablehnen; mit Rückfrage (Alt+B)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Approve referral</source>
        <translation>Weiterleitung freigeben</translation>
    </message>
    <message>
        <source>Approve and record the selected referral (Alt+A)</source>
        <translation>Ausgewählte Weiterleitung freigeben und erfassen (Alt+F)</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Locked accounts</source>
        <translation>Gesperrte Konten</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Gesperrt bis</translation>
    </message>
    <message>
        <source>Nobody is locked out at this desk.</source>
        <translation>An diesem Schalter ist niemand gesperrt.</translation>
    </message>
    <message>
        <source>&amp;Lift lockout</source>
        <translation>&amp;Sperre aufheben</translation>
    </message>
    <message>
        <source>Lift lockout</source>
        <translation>Sperre aufheben</translation>
    </message>
    <message>
        <source>Lift the selected lockout (Enter on the row, or Alt+L)</source>
        <translation>Ausgewählte Sperre aufheben (Enter in der Zeile oder Alt+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>{reason}: {note}</source>
        <translation>{reason}: {note}</translation>
    </message>
    <message>
        <source>You may decide</source>
        <translation>Sie dürfen entscheiden</translation>
    </message>
    <message>
        <source>Your own request: another approver decides it</source>
        <translation>Ihre eigene Anfrage: Eine andere freigebende Person entscheidet</translation>
    </message>
    <message>
        <source>Waiting for a {tier}</source>
        <translation>Wartet auf Stufe {tier}</translation>
    </message>
    <message>
        <source>the {amount} {action} for {guest}, asked by {who}</source>
        <translation>{action} über {amount} für {guest}, angefragt von {who}</translation>
    </message>
    <message>
        <source>Decline {what}?</source>
        <translation>Ablehnen: {what}?</translation>
    </message>
    <message>
        <source>The guest gets nothing, and the request leaves the list for good.</source>
        <translation>Der Gast erhält nichts, und die Anfrage verschwindet endgültig aus der Liste.</translation>
    </message>
    <message>
        <source>&amp;Decline it</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>&amp;Keep it pending</source>
        <translation>&amp;Offen lassen</translation>
    </message>
    <message>
        <source>Decline it</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Keep it pending</source>
        <translation>Offen lassen</translation>
    </message>
    <message>
        <source>Declined {what}.</source>
        <translation>Abgelehnt: {what}.</translation>
    </message>
    <message>
        <source>Declined.</source>
        <translation>Abgelehnt.</translation>
    </message>
    <message>
        <source>Approved and recorded; voucher {code} issued (print it from the guest&apos;s history).</source>
        <translation>Freigegeben und erfasst; Gutschein {code} ausgestellt (drucken Sie ihn aus dem Verlauf des Gastes).</translation>
    </message>
    <message>
        <source>Approved and recorded.</source>
        <translation>Freigegeben und erfasst.</translation>
    </message>
    <message>
        <source>Lockout lifted for {name} ({id}).</source>
        <translation>Sperre für {name} ({id}) aufgehoben.</translation>
    </message>
    <message>
        <source>That did not work; nothing was changed.</source>
        <translation>Das hat nicht funktioniert; nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>PhoneAnswerDialog</name>
    <message>
        <source>Answer a telephone approval</source>
        <translation>Telefonische Freigabe beantworten</translation>
    </message>
    <message>
        <source>The associate reads you a challenge. Type it with your own ID and PIN, then read the answer back to them.</source>
        <translation>Die anfragende Person liest Ihnen einen Prüfcode vor. Geben Sie ihn mit Ihrer eigenen ID und PIN ein und lesen Sie ihr dann den Antwortcode vor.</translation>
    </message>
    <message>
        <source>Challenge</source>
        <translation>Prüfcode</translation>
    </message>
    <message>
        <source>15 characters, as read to you</source>
        <translation>15 Zeichen, wie vorgelesen</translation>
    </message>
    <message>
        <source>Approver ID</source>
        <translation>ID der freigebenden Person</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Answer code</source>
        <translation>Antwortcode</translation>
    </message>
    <message>
        <source>What the answer approves</source>
        <translation>Was die Antwort freigibt</translation>
    </message>
    <message>
        <source>Make answer</source>
        <translation>Antwort erzeugen</translation>
    </message>
    <message>
        <source>Check your PIN and make the answer (Alt+M)</source>
        <translation>PIN prüfen und Antwort erzeugen (Alt+M)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Enter the challenge the associate reads to you.</source>
        <translation>Geben Sie den Prüfcode ein, den die anfragende Person Ihnen vorliest.</translation>
    </message>
    <message>
        <source>Enter your employee ID.</source>
        <translation>Geben Sie Ihre Mitarbeiter-ID ein.</translation>
    </message>
    <message>
        <source>Enter your PIN.</source>
        <translation>Geben Sie Ihre PIN ein.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Could not make the answer; try again.</source>
        <translation>Die Antwort konnte nicht erzeugt werden; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Answer code {code}</source>
        <translation>Antwortcode {code}</translation>
    </message>
    <message>
        <source>Read this back: {action} of {amount}</source>
        <translation>Vorlesen: {action} über {amount}</translation>
    </message>
    <message>
        <source>The associate types your ID, {id}, and this answer. It is good for that one request only.</source>
        <translation>Die anfragende Person gibt Ihre ID, {id}, und diese Antwort ein. Sie gilt nur für diese eine Anfrage.</translation>
    </message>
</context>
<context>
    <name>PhoneAskDialog</name>
    <message>
        <source>Ask by telephone</source>
        <translation>Telefonisch anfragen</translation>
    </message>
    <message>
        <source>Challenge</source>
        <translation>Prüfcode</translation>
    </message>
    <message>
        <source>Approver ID</source>
        <translation>ID der freigebenden Person</translation>
    </message>
    <message>
        <source>Answer code</source>
        <translation>Antwortcode</translation>
    </message>
    <message>
        <source>The 10 characters the approver reads back</source>
        <translation>Die 10 Zeichen, die die freigebende Person vorliest</translation>
    </message>
    <message>
        <source>New challenge</source>
        <translation>Neuer Prüfcode</translation>
    </message>
    <message>
        <source>Draw another challenge (Alt+N)</source>
        <translation>Neuen Prüfcode erzeugen (Alt+N)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Unlock and grant</source>
        <translation>Freischalten und gewähren</translation>
    </message>
    <message>
        <source>Drawing a challenge…</source>
        <translation>Prüfcode wird erzeugt…</translation>
    </message>
    <message>
        <source>Could not draw a challenge; try again.</source>
        <translation>Der Prüfcode konnte nicht erzeugt werden; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Challenge {code}</source>
        <translation>Prüfcode {code}</translation>
    </message>
    <message>
        <source>Read this to a {tier} or above. Valid until {time}.</source>
        <translation>Lesen Sie diesen Code jemandem ab Stufe {tier} vor. Gültig bis {time}.</translation>
    </message>
    <message>
        <source>This challenge has expired. Draw a new one (Alt+N) and read it to the approver.</source>
        <translation>Dieser Prüfcode ist abgelaufen. Erzeugen Sie einen neuen (Alt+N) und lesen Sie ihn der freigebenden Person vor.</translation>
    </message>
    <message>
        <source>Enter the approver&apos;s ID.</source>
        <translation>Geben Sie die ID der freigebenden Person ein.</translation>
    </message>
    <message>
        <source>Enter the answer code the approver reads back.</source>
        <translation>Geben Sie den Antwortcode ein, den die freigebende Person vorliest.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Could not check the answer; nothing was recorded.</source>
        <translation>Die Antwort konnte nicht geprüft werden; nichts wurde erfasst.</translation>
    </message>
</context>
<context>
    <name>RecognitionDialog</name>
    <message>
        <source>Recognise a decision</source>
        <translation>Entscheidung anerkennen</translation>
    </message>
    <message>
        <source>Recognition note</source>
        <translation>Notiz zur Anerkennung</translation>
    </message>
    <message>
        <source>What was done well (optional)</source>
        <translation>Was gut gemacht wurde (optional)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Notiz</translation>
    </message>
    <message>
        <source>They see this once, at their next sign-in.</source>
        <translation>Die Person sieht dies einmalig bei ihrer nächsten Anmeldung.</translation>
    </message>
    <message>
        <source>Recognise</source>
        <translation>Anerkennen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>RecognitionNotice</name>
    <message>
        <source>Recognition</source>
        <translation>Anerkennung</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>Danke</translation>
    </message>
    <message>
        <source>Dismiss the recognition</source>
        <translation>Anerkennung schließen</translation>
    </message>
    <message>
        <source>Hide this notice</source>
        <translation>Diesen Hinweis ausblenden</translation>
    </message>
    <message>
        <source>Well done: {by} recognised your {action} for {guest}</source>
        <translation>Gut gemacht: {by} hat Ihre Entscheidung anerkannt ({action} für {guest})</translation>
    </message>
    <message>
        <source>Well done: {by} recognised one of your decisions</source>
        <translation>Gut gemacht: {by} hat eine Ihrer Entscheidungen anerkannt</translation>
    </message>
    <message>
        <source>{sentence}: “{note}”</source>
        <translation>{sentence}: „{note}“</translation>
    </message>
</context>
<context>
    <name>RecoveryButton</name>
    <message>
        <source>{label}, {detail}</source>
        <translation>{label}, {detail}</translation>
    </message>
</context>
<context>
    <name>RecoveryPanel</name>
    <message>
        <source>You can still grant {shift} this shift.</source>
        <translation>Sie können in dieser Schicht noch {shift} gewähren.</translation>
    </message>
    <message>
        <source>Your allowance for this shift is used up: anything more needs approval.</source>
        <translation>Ihr Kontingent für diese Schicht ist aufgebraucht: Alles Weitere erfordert eine Freigabe.</translation>
    </message>
    <message>
        <source>This guest has {budget} left of their goodwill budget.</source>
        <translation>Für diesen Gast sind noch {budget} vom Kulanzbudget übrig.</translation>
    </message>
    <message>
        <source>This guest&apos;s goodwill budget is used up: anything more needs approval.</source>
        <translation>Das Kulanzbudget dieses Gastes ist aufgebraucht: Alles Weitere erfordert eine Freigabe.</translation>
    </message>
    <message>
        <source>{amount}, needs approval</source>
        <translation>{amount}, Freigabe nötig</translation>
    </message>
    <message>
        <source>needs approval</source>
        <translation>Freigabe nötig</translation>
    </message>
    <message>
        <source>up to {amount}</source>
        <translation>bis {amount}</translation>
    </message>
    <message>
        <source>On your own you can grant this guest up to {now} now: your {action} limit is {limit}, {shift} is left this shift and {budget} of their goodwill budget.</source>
        <translation>Sie können diesem Gast jetzt selbst bis zu {now} gewähren: Ihr Limit für {action} beträgt {limit}, in dieser Schicht sind noch {shift} übrig und vom Kulanzbudget des Gastes noch {budget}.</translation>
    </message>
    <message>
        <source>This guest has had {count} goodwill actions in {days} days; another needs approval.</source>
        <translation>Dieser Gast hatte {count} Kulanzleistungen in {days} Tagen; eine weitere erfordert eine Freigabe.</translation>
    </message>
    <message>
        <source>{what} for {who}</source>
        <translation>{what} für {who}</translation>
    </message>
</context>
<context>
    <name>RemoteAskDialog</name>
    <message>
        <source>Ask a manager elsewhere</source>
        <translation>Manager an anderem Schalter fragen</translation>
    </message>
    <message>
        <source>Approval status</source>
        <translation>Freigabestatus</translation>
    </message>
    <message>
        <source>Sending the request…</source>
        <translation>Anfrage wird gesendet…</translation>
    </message>
    <message>
        <source>Ask by telephone…</source>
        <translation>Telefonisch anfragen…</translation>
    </message>
    <message>
        <source>Ask by telephone</source>
        <translation>Telefonisch anfragen</translation>
    </message>
    <message>
        <source>Read a code to an approver on the telephone instead (Alt+T)</source>
        <translation>Stattdessen einer freigebenden Person am Telefon einen Code vorlesen (Alt+T)</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Zurückziehen</translation>
    </message>
    <message>
        <source>Withdraw the request</source>
        <translation>Anfrage zurückziehen</translation>
    </message>
    <message>
        <source>The guest no longer needs it, or it was asked wrongly (Alt+W, Esc)</source>
        <translation>Der Gast braucht es nicht mehr, oder die Anfrage war falsch (Alt+W, Esc)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Sent to every desk where a {tier} or above is signed in. It is granted here as soon as one of them approves it.</source>
        <translation>An alle Schalter gesendet, an denen jemand ab Stufe {tier} angemeldet ist. Sobald eine dieser Personen freigibt, wird es hier gewährt.</translation>
    </message>
    <message>
        <source>The central database cannot be reached; ask by telephone instead.</source>
        <translation>Die Zentraldatenbank ist nicht erreichbar; fragen Sie stattdessen telefonisch an.</translation>
    </message>
    <message>
        <source>Could not send the request.</source>
        <translation>Die Anfrage konnte nicht gesendet werden.</translation>
    </message>
    <message>
        <source>Waiting for a manager… (expires in {m}:{s:02d})</source>
        <translation>Warten auf einen Manager… (läuft ab in {m}:{s:02d})</translation>
    </message>
    <message>
        <source>Declined by {name}: {why}</source>
        <translation>Abgelehnt von {name}: {why}</translation>
    </message>
    <message>
        <source>Declined by {name}.</source>
        <translation>Abgelehnt von {name}.</translation>
    </message>
    <message>
        <source>Declined: {why}</source>
        <translation>Abgelehnt: {why}</translation>
    </message>
    <message>
        <source>Declined.</source>
        <translation>Abgelehnt.</translation>
    </message>
    <message>
        <source>The request expired without an answer. Ask again, or ask by telephone.</source>
        <translation>Die Anfrage ist ohne Antwort abgelaufen. Fragen Sie erneut oder telefonisch an.</translation>
    </message>
    <message>
        <source>The request was withdrawn.</source>
        <translation>Die Anfrage wurde zurückgezogen.</translation>
    </message>
    <message>
        <source>Cannot reach the central database just now; still trying.</source>
        <translation>Die Zentraldatenbank ist gerade nicht erreichbar; neuer Versuch läuft.</translation>
    </message>
    <message>
        <source>Could not check for an answer; still trying.</source>
        <translation>Die Antwort konnte nicht abgefragt werden; neuer Versuch läuft.</translation>
    </message>
    <message>
        <source>Withdrawing…</source>
        <translation>Wird zurückgezogen…</translation>
    </message>
</context>
<context>
    <name>ReviewColumns</name>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>W{week}</source>
        <translation>KW{week}</translation>
    </message>
    <message>
        <source>at the desk</source>
        <translation>am Schalter</translation>
    </message>
    <message>
        <source>by telephone</source>
        <translation>telefonisch</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>by referral</source>
        <translation>per Weiterleitung</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>ausgestellt</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>eingelöst</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>override</source>
        <translation>Ausnahmefreigabe</translation>
    </message>
    <message>
        <source>allowance exception</source>
        <translation>Kontingentausnahme</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>Freigabe durch</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Gast</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Entscheidungen</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>Gutscheine</translation>
    </message>
    <message>
        <source>Came back</source>
        <translation>Zurückgekommen</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Quote</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review sync results</source>
        <translation>Synchronisierungsergebnisse prüfen</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Items to review</source>
        <translation>Zu prüfende Einträge</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>Als geprüft markieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Contact conflict</source>
        <translation>Kontaktkonflikt</translation>
    </message>
    <message>
        <source>Voucher redeemed twice</source>
        <translation>Gutschein doppelt eingelöst</translation>
    </message>
    <message>
        <source>Rejected by central</source>
        <translation>Von der Zentrale zurückgewiesen</translation>
    </message>
    <message>
        <source>That did not work; nothing was changed.</source>
        <translation>Das hat nicht funktioniert; nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Review and learning</source>
        <translation>Auswertung und Lernen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Last &amp;7 days</source>
        <translation>Letzte &amp;7 Tage</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>This &amp;week</source>
        <translation>Diese &amp;Woche</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>Last &amp;30 days</source>
        <translation>Letzte &amp;30 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>&amp;Employee</source>
        <translation>&amp;Mitarbeiter</translation>
    </message>
    <message>
        <source>Employee filter</source>
        <translation>Filter nach Mitarbeiter</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>G&amp;rund</translation>
    </message>
    <message>
        <source>Reason filter</source>
        <translation>Filter nach Grund</translation>
    </message>
    <message>
        <source>C&amp;ategory</source>
        <translation>&amp;Kategorie</translation>
    </message>
    <message>
        <source>Category filter</source>
        <translation>Filter nach Kategorie</translation>
    </message>
    <message>
        <source>Acti&amp;on</source>
        <translation>&amp;Aktion</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>Filter nach Aktion</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>Auswertungsstatus</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Review tabs</source>
        <translation>Registerkarten der Auswertung</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Entscheidungen</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Summen</translation>
    </message>
    <message>
        <source>Wins and came back</source>
        <translation>Erfolge und Rückkehr</translation>
    </message>
    <message>
        <source>Root causes and patterns</source>
        <translation>Ursachen und Muster</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>Was-wäre-wenn</translation>
    </message>
    <message>
        <source>{tab} (Ctrl+{n})</source>
        <translation>{tab} (Ctrl+{n})</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Als &amp;PDF speichern…</translation>
    </message>
    <message>
        <source>Save the review as PDF</source>
        <translation>Auswertung als PDF speichern</translation>
    </message>
    <message>
        <source>The review as shown, as a PDF (Alt+P)</source>
        <translation>Die Auswertung wie angezeigt, als PDF (Alt+P)</translation>
    </message>
    <message>
        <source>Save &amp;CSV…</source>
        <translation>Als &amp;CSV speichern…</translation>
    </message>
    <message>
        <source>Save the decisions as CSV</source>
        <translation>Entscheidungen als CSV speichern</translation>
    </message>
    <message>
        <source>The decisions as shown, for a spreadsheet (Alt+C)</source>
        <translation>Die Entscheidungen wie angezeigt, für eine Tabellenkalkulation (Alt+C)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the review</source>
        <translation>Auswertung schließen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Approvals waiting</source>
        <translation>Wartende Freigaben</translation>
    </message>
    <message>
        <source>Requests from other desks (Ctrl+Shift+W)</source>
        <translation>Anfragen anderer Schalter (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <source>1 approval waiting</source>
        <translation>1 Freigabe wartet</translation>
    </message>
    <message>
        <source>{n} approvals waiting</source>
        <translation>{n} Freigaben warten</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Der Zeitraum endet, bevor er beginnt.</translation>
    </message>
    <message>
        <source>Could not load the review.</source>
        <translation>Die Auswertung konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>{n} of {m} decisions match the filters.</source>
        <translation>{n} von {m} Entscheidungen entsprechen den Filtern.</translation>
    </message>
    <message>
        <source>{employee}: {action} of {amount} for {guest}</source>
        <translation>{employee}: {action} über {amount} für {guest}</translation>
    </message>
    <message>
        <source>Recognising…</source>
        <translation>Wird anerkannt…</translation>
    </message>
    <message>
        <source>Could not record the recognition.</source>
        <translation>Die Anerkennung konnte nicht erfasst werden.</translation>
    </message>
    <message>
        <source>Recognised: {name} will see it at their next sign-in.</source>
        <translation>Anerkannt: {name} sieht es bei der nächsten Anmeldung.</translation>
    </message>
    <message>
        <source>Coaching notes about you are kept by your manager.</source>
        <translation>Coaching-Notizen über Sie werden von Ihrem Manager geführt.</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Saving {file}…</source>
        <translation>{file} wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Gespeichert unter {path}.</translation>
    </message>
    <message>
        <source>Could not save to {path}: {why}</source>
        <translation>Speichern unter {path} nicht möglich: {why}</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Name, phone, e-mail, loyalty, room (Ctrl+K)</source>
        <translation>Name, Telefon, E-Mail, Kundenkarte, Zimmer (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Gäste suchen</translation>
    </message>
    <message>
        <source>Find a guest by name, phone, e-mail, loyalty or room number (Ctrl+K)</source>
        <translation>Gast nach Name, Telefon, E-Mail, Kundenkarten- oder Zimmernummer suchen (Ctrl+K)</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>No guest matches.</source>
        <translation>Kein passender Gast.</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 Treffer</translation>
    </message>
    <message>
        <source>{n}{more} matches</source>
        <translation>{n}{more} Treffer</translation>
    </message>
    <message>
        <source>{count}; ↓ to choose, Enter to open</source>
        <translation>{count}; ↓ zum Auswählen, Enter zum Öffnen</translation>
    </message>
</context>
<context>
    <name>SignInWidget</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Enter your employee ID and PIN.</source>
        <translation>Geben Sie Ihre Mitarbeiter-ID und PIN ein.</translation>
    </message>
    <message>
        <source>Employee ID</source>
        <translation>Mitarbeiter-ID</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>The desk locked itself. Sign in to continue.</source>
        <translation>Der Schalter hat sich selbst gesperrt. Melden Sie sich an, um fortzufahren.</translation>
    </message>
    <message>
        <source>Opening the desk…</source>
        <translation>Schalter wird geöffnet…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Sign-in failed; please try again.</source>
        <translation>Anmeldung fehlgeschlagen; bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>1 attempt left before this ID is locked for {minutes} minutes.</source>
        <translation>Noch 1 Versuch, bevor diese ID für {minutes} Minuten gesperrt wird.</translation>
    </message>
    <message>
        <source>{n} attempts left before this ID is locked for {minutes} minutes.</source>
        <translation>Noch {n} Versuche, bevor diese ID für {minutes} Minuten gesperrt wird.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Local only</source>
        <translation>Nur lokal</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>{n} pending (oldest {minutes} min)</source>
        <translation>{n} ausstehend (älteste {minutes} Min.)</translation>
    </message>
    <message>
        <source>{n} pending (oldest &lt;1 min)</source>
        <translation>{n} ausstehend (älteste &lt;1 Min.)</translation>
    </message>
    <message>
        <source>{n} pending</source>
        <translation>{n} ausstehend</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>letzte Synchronisierung {time}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nie synchronisiert</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <translation>{n} zurückgewiesen</translation>
    </message>
    <message>
        <source>allowance left {amount}</source>
        <translation>Restkontingent {amount}</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Synchronisierungsstatus</translation>
    </message>
    <message>
        <source>Review sync conflicts</source>
        <translation>Synchronisierungskonflikte prüfen</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Sync with the central database now</source>
        <translation>Jetzt mit der Zentraldatenbank synchronisieren</translation>
    </message>
    <message>
        <source>{n} to review</source>
        <translation>{n} zu prüfen</translation>
    </message>
</context>
<context>
    <name>TotalsTab</name>
    <message>
        <source>Employee</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>Freigabe durch</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Totals by</source>
        <translation>Summen nach</translation>
    </message>
    <message>
        <source>Totals &amp;by</source>
        <translation>S&amp;ummen nach</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Summen</translation>
    </message>
    <message>
        <source>Money granted per day, by category</source>
        <translation>Gewährte Beträge pro Tag, nach Kategorie</translation>
    </message>
    <message>
        <source>No decisions in this period.</source>
        <translation>Keine Entscheidungen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Decisions by reason</source>
        <translation>Entscheidungen nach Grund</translation>
    </message>
    <message>
        <source>other categories</source>
        <translation>weitere Kategorien</translation>
    </message>
    <message>
        <source>Money granted per day, by category ({cur})</source>
        <translation>Gewährte Beträge pro Tag, nach Kategorie ({cur})</translation>
    </message>
    <message>
        <source>Money granted per week, by category ({cur})</source>
        <translation>Gewährte Beträge pro Woche, nach Kategorie ({cur})</translation>
    </message>
    <message>
        <source>Money granted per month, by category ({cur})</source>
        <translation>Gewährte Beträge pro Monat, nach Kategorie ({cur})</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Manager unlock</source>
        <translation>Manager-Freischaltung</translation>
    </message>
    <message>
        <source>A {tier} or above unlocks this one action with their own ID and PIN.</source>
        <translation>Jemand ab Stufe {tier} schaltet diese eine Aktion mit eigener ID und PIN frei.</translation>
    </message>
    <message>
        <source>Nobody at this desk may approve this. Refer it: a {tier} decides later.</source>
        <translation>Niemand an diesem Schalter darf dies freigeben. Leiten Sie es weiter: Jemand der Stufe {tier} entscheidet später.</translation>
    </message>
    <message>
        <source>Approver ID</source>
        <translation>ID der freigebenden Person</translation>
    </message>
    <message>
        <source>Approver PIN</source>
        <translation>PIN der freigebenden Person</translation>
    </message>
    <message>
        <source>Unlock and grant</source>
        <translation>Freischalten und gewähren</translation>
    </message>
    <message>
        <source>Refer for later</source>
        <translation>Zur Entscheidung weiterleiten</translation>
    </message>
    <message>
        <source>Record it as pending for a higher tier (Alt+R)</source>
        <translation>Als offen für eine höhere Stufe erfassen (Alt+R)</translation>
    </message>
    <message>
        <source>Ask by telephone…</source>
        <translation>Telefonisch anfragen…</translation>
    </message>
    <message>
        <source>Ask by telephone</source>
        <translation>Telefonisch anfragen</translation>
    </message>
    <message>
        <source>Read a code to an approver on the telephone and type the answer they read back (Alt+T)</source>
        <translation>Einer freigebenden Person am Telefon einen Code vorlesen und die vorgelesene Antwort eingeben (Alt+T)</translation>
    </message>
    <message>
        <source>Ask a manager elsewhere…</source>
        <translation>Manager an anderem Schalter fragen…</translation>
    </message>
    <message>
        <source>Ask a manager elsewhere</source>
        <translation>Manager an anderem Schalter fragen</translation>
    </message>
    <message>
        <source>Checking whether this desk can reach other desks…</source>
        <translation>Es wird geprüft, ob dieser Schalter andere Schalter erreichen kann…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Approver not here?</source>
        <translation>Freigebende Person nicht hier?</translation>
    </message>
    <message>
        <source>Enter the approver&apos;s ID and PIN.</source>
        <translation>Geben Sie ID und PIN der freigebenden Person ein.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Send the request to approvers signed in at other desks (Alt+E)</source>
        <translation>Anfrage an freigebende Personen senden, die an anderen Schaltern angemeldet sind (Alt+E)</translation>
    </message>
    <message>
        <source>This desk has no central database, so no other desk can be asked online; ask by telephone instead.</source>
        <translation>Dieser Schalter hat keine Zentraldatenbank, daher kann kein anderer Schalter online gefragt werden; fragen Sie stattdessen telefonisch an.</translation>
    </message>
</context>
<context>
    <name>VoucherCheckDialog</name>
    <message>
        <source>Check a voucher</source>
        <translation>Gutschein prüfen</translation>
    </message>
    <message>
        <source>Voucher code</source>
        <translation>Gutscheincode</translation>
    </message>
    <message>
        <source>Scan or type the code, then Enter</source>
        <translation>Code scannen oder eingeben, dann Enter</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>Einlösen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Could not check that code.</source>
        <translation>Dieser Code konnte nicht geprüft werden.</translation>
    </message>
    <message>
        <source>{value} for {name}
Issued {issued} at {terminal} by {by}
Expires {expires}
{message}</source>
        <translation>{value} für {name}
Ausgestellt am {issued} an {terminal} von {by}
Gültig bis {expires}
{message}</translation>
    </message>
    <message>
        <source>Could not redeem it.</source>
        <translation>Einlösen nicht möglich.</translation>
    </message>
    <message>
        <source>Redeemed: {value}. Nothing more to do.</source>
        <translation>Eingelöst: {value}. Sonst ist nichts zu tun.</translation>
    </message>
</context>
<context>
    <name>VoucherDialog</name>
    <message>
        <source>Voucher copy</source>
        <translation>Gutscheinkopie</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papier</translation>
    </message>
    <message>
        <source>A6 card</source>
        <translation>A6-Karte</translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation>80-mm-Bon</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Als PDF speichern</translation>
    </message>
    <message>
        <source>Save as PDF (Ctrl+S)</source>
        <translation>Als PDF speichern (Ctrl+S)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>Drucken (Ctrl+P)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Preparing the voucher…</source>
        <translation>Gutschein wird vorbereitet…</translation>
    </message>
    <message>
        <source>Could not prepare the voucher.</source>
        <translation>Der Gutschein konnte nicht vorbereitet werden.</translation>
    </message>
    <message>
        <source>Reprint, marked COPY. Save it as PDF or print it.</source>
        <translation>Nachdruck mit Vermerk KOPIE. Als PDF speichern oder drucken.</translation>
    </message>
    <message>
        <source>Issued. Save it as PDF or print it for the guest.</source>
        <translation>Ausgestellt. Als PDF speichern oder für den Gast drucken.</translation>
    </message>
    <message>
        <source>Save voucher</source>
        <translation>Gutschein speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save to {path}: {why}</source>
        <translation>Speichern unter {path} nicht möglich: {why}</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Gespeichert unter {path}.</translation>
    </message>
    <message>
        <source>Preparing to print…</source>
        <translation>Druck wird vorbereitet…</translation>
    </message>
    <message>
        <source>Could not print.</source>
        <translation>Drucken nicht möglich.</translation>
    </message>
    <message>
        <source>The printer is not available.</source>
        <translation>Der Drucker ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>An den Drucker gesendet.</translation>
    </message>
</context>
<context>
    <name>WaitingDialog</name>
    <message>
        <source>Guest</source>
        <translation>Gast</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Angefragt von</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Schalter</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Reason and note</source>
        <translation>Grund und Notiz</translation>
    </message>
    <message>
        <source>Approvals waiting</source>
        <translation>Wartende Freigaben</translation>
    </message>
    <message>
        <source>Requests from other desks</source>
        <translation>Anfragen anderer Schalter</translation>
    </message>
    <message>
        <source>Requests waiting for an approver</source>
        <translation>Anfragen, die auf eine Freigabe warten</translation>
    </message>
    <message>
        <source>Nothing is waiting for an answer.</source>
        <translation>Nichts wartet auf eine Antwort.</translation>
    </message>
    <message>
        <source>Your PIN</source>
        <translation>Ihre PIN</translation>
    </message>
    <message>
        <source>Reason for declining</source>
        <translation>Grund der Ablehnung</translation>
    </message>
    <message>
        <source>Needed to decline; the associate reads it to the guest</source>
        <translation>Zum Ablehnen erforderlich; die anfragende Person liest ihn dem Gast vor</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Decline request</source>
        <translation>Anfrage ablehnen</translation>
    </message>
    <message>
        <source>Decline the selected request, with the reason (Alt+D)</source>
        <translation>Ausgewählte Anfrage mit Grund ablehnen (Alt+D)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Approve request</source>
        <translation>Anfrage freigeben</translation>
    </message>
    <message>
        <source>Approve the selected request with your PIN (Alt+A)</source>
        <translation>Ausgewählte Anfrage mit Ihrer PIN freigeben (Alt+A)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Reason to decline</source>
        <translation>Grund für die Ablehnung</translation>
    </message>
    <message>
        <source>The request you had selected is no longer waiting (answered elsewhere, withdrawn or expired).</source>
        <translation>Die ausgewählte Anfrage wartet nicht mehr (anderswo beantwortet, zurückgezogen oder abgelaufen).</translation>
    </message>
    <message>
        <source>{reason}: {note}</source>
        <translation>{reason}: {note}</translation>
    </message>
    <message>
        <source>the {amount} {action} for {guest}, asked by {who}</source>
        <translation>{action} über {amount} für {guest}, angefragt von {who}</translation>
    </message>
    <message>
        <source>Select a request first.</source>
        <translation>Wählen Sie zuerst eine Anfrage aus.</translation>
    </message>
    <message>
        <source>Say why you decline, for the associate and the guest.</source>
        <translation>Geben Sie an, warum Sie ablehnen – für die anfragende Person und den Gast.</translation>
    </message>
    <message>
        <source>Enter your PIN to approve.</source>
        <translation>Geben Sie zum Freigeben Ihre PIN ein.</translation>
    </message>
    <message>
        <source>Enter your PIN to decline.</source>
        <translation>Geben Sie zum Ablehnen Ihre PIN ein.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Could not send the answer; nothing was changed.</source>
        <translation>Die Antwort konnte nicht gesendet werden; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Sent: approved {what}. The asking desk grants it when the answer arrives.</source>
        <translation>Gesendet: Freigabe für {what}. Der anfragende Schalter gewährt es, sobald die Antwort eintrifft.</translation>
    </message>
    <message>
        <source>Sent: declined {what}.</source>
        <translation>Gesendet: Ablehnung für {what}.</translation>
    </message>
</context>
<context>
    <name>WhatIfTab</name>
    <message>
        <source>{file} is too large to be a policy file.</source>
        <translation>{file} ist zu groß für eine Richtliniendatei.</translation>
    </message>
    <message>
        <source>{file} is not a UTF-8 text file.</source>
        <translation>{file} ist keine UTF-8-Textdatei.</translation>
    </message>
    <message>
        <source>C&amp;hoose policy file…</source>
        <translation>Ric&amp;htliniendatei wählen…</translation>
    </message>
    <message>
        <source>Choose a candidate policy file</source>
        <translation>Richtlinienentwurf wählen</translation>
    </message>
    <message>
        <source>A policy file (TOML) to replay this period&apos;s decisions under (Alt+H)</source>
        <translation>Eine Richtliniendatei (TOML), mit der die Entscheidungen dieses Zeitraums neu durchgespielt werden (Alt+H)</translation>
    </message>
    <message>
        <source>Choose a policy file to see what it would have done to this period&apos;s decisions: which would have been allowed, which would have needed an approval, which refused. Nothing is changed.</source>
        <translation>Wählen Sie eine Richtliniendatei, um zu sehen, wie sie sich auf die Entscheidungen dieses Zeitraums ausgewirkt hätte: welche erlaubt gewesen wären, welche eine Freigabe gebraucht hätten und welche verweigert worden wären. Es wird nichts geändert.</translation>
    </message>
    <message>
        <source>What-if status</source>
        <translation>Was-wäre-wenn-Status</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <source>Approved as before</source>
        <translation>Freigegeben wie zuvor</translation>
    </message>
    <message>
        <source>Needs approval</source>
        <translation>Freigabe erforderlich</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Verweigert</translation>
    </message>
    <message>
        <source>Decisions that would change</source>
        <translation>Entscheidungen, die sich ändern würden</translation>
    </message>
    <message>
        <source>Decisions that would have gone differently</source>
        <translation>Entscheidungen, die anders ausgefallen wären</translation>
    </message>
    <message>
        <source>Choose a policy file</source>
        <translation>Richtliniendatei wählen</translation>
    </message>
    <message>
        <source>Policy files (*.toml);;All files (*)</source>
        <translation>Richtliniendateien (*.toml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Candidate policy: {file}</source>
        <translation>Richtlinienentwurf: {file}</translation>
    </message>
    <message>
        <source>Replaying {n} decisions…</source>
        <translation>{n} Entscheidungen werden neu durchgespielt…</translation>
    </message>
    <message>
        <source>Could not read the file: {why}</source>
        <translation>Die Datei konnte nicht gelesen werden: {why}</translation>
    </message>
    <message>
        <source>The replay failed.</source>
        <translation>Das Durchspielen ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>{changed} of {total} decisions would have gone differently.</source>
        <translation>{changed} von {total} Entscheidungen wären anders ausgefallen.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Gast</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
</context>
<context>
    <name>WinsTab</name>
    <message>
        <source>Wins</source>
        <translation>Erfolge</translation>
    </message>
    <message>
        <source>Came back, by employee</source>
        <translation>Zurückgekommen, nach Mitarbeiter</translation>
    </message>
    <message>
        <source>Came back, by reason</source>
        <translation>Zurückgekommen, nach Grund</translation>
    </message>
    <message>
        <source>No decision was recognised in this period.</source>
        <translation>In diesem Zeitraum wurde keine Entscheidung anerkannt.</translation>
    </message>
    <message>
        <source>Guests who came back, by employee</source>
        <translation>Zurückgekommene Gäste nach Mitarbeiter</translation>
    </message>
    <message>
        <source>Guests who came back, by reason</source>
        <translation>Zurückgekommene Gäste nach Grund</translation>
    </message>
    <message>
        <source>Vouchers given in the period, and how many were redeemed: the guest came back</source>
        <translation>Im Zeitraum ausgestellte Gutscheine und wie viele eingelöst wurden: Der Gast ist zurückgekommen</translation>
    </message>
    <message>
        <source>Wins: decisions recognised</source>
        <translation>Erfolge: anerkannte Entscheidungen</translation>
    </message>
    <message>
        <source>{action} of {amount} for {guest}</source>
        <translation>{action} über {amount} für {guest}</translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation>Anerkannt</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>register_fonts</name>
    <message>
        <source>Qt cannot read the font {path}.</source>
        <translation>Qt kann die Schriftart {path} nicht lesen.</translation>
    </message>
</context>
<context>
    <name>start_problem</name>
    <message>
        <source>Leeway</source>
        <translation>Leeway</translation>
    </message>
    <message>
        <source>{file}: {error}.</source>
        <translation>{file}: {error}.</translation>
    </message>
    <message>
        <source>{error}.</source>
        <translation>{error}.</translation>
    </message>
    <message>
        <source>Leeway could not open this desk&apos;s data ({kind}: {detail}).</source>
        <translation>Leeway konnte die Daten dieses Schalters nicht öffnen ({kind}: {detail}).</translation>
    </message>
    <message>
        <source>Leeway could not open this desk&apos;s data ({kind}).</source>
        <translation>Leeway konnte die Daten dieses Schalters nicht öffnen ({kind}).</translation>
    </message>
</context>
</TS>
