<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>CoachingDialog</name>
    <message>
        <source>Coaching notes: {name}</source>
        <translation>Notas de coaching: {name}</translation>
    </message>
    <message>
        <source>Coaching notes</source>
        <translation>Notas de coaching</translation>
    </message>
    <message>
        <source>Private: kept for the managers of this store and never shown to {name}. Write what was seen and what you agreed, not a verdict.</source>
        <translation>Privado: solo para los gerentes de este establecimiento; nunca se muestra a {name}. Escriba lo que se observó y lo que acordaron, no un veredicto.</translation>
    </message>
    <message>
        <source>Earlier coaching notes</source>
        <translation>Notas de coaching anteriores</translation>
    </message>
    <message>
        <source>New coaching note</source>
        <translation>Nueva nota de coaching</translation>
    </message>
    <message>
        <source>A new note (Ctrl+Enter keeps it)</source>
        <translation>Una nota nueva (Ctrl+Enter la guarda)</translation>
    </message>
    <message>
        <source>&amp;New note</source>
        <translation>&amp;Nueva nota</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>&amp;Keep note</source>
        <translation>&amp;Guardar nota</translation>
    </message>
    <message>
        <source>Keep the coaching note</source>
        <translation>Guardar la nota de coaching</translation>
    </message>
    <message>
        <source>Keep the note (Alt+K or Ctrl+Enter)</source>
        <translation>Guardar la nota (Alt+G o Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Earlier notes</source>
        <translation>Notas anteriores</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Todavía no hay notas.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Escriba primero la nota.</translation>
    </message>
    <message>
        <source>A note holds at most {n} characters; this one has {m}.</source>
        <translation>Una nota admite como máximo {n} caracteres; esta tiene {m}.</translation>
    </message>
    <message>
        <source>Keeping…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Kept.</source>
        <translation>Guardada.</translation>
    </message>
    <message>
        <source>Could not reach the notes; please try again.</source>
        <translation>No se pudo acceder a las notas; inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Confirm {action}</source>
        <translation>Confirmar {action}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>e.g. 25.00</source>
        <translation>p. ej., 25,00</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Required over {amount}</source>
        <translation>Obligatoria por encima de {amount}</translation>
    </message>
    <message>
        <source>Apology on the voucher</source>
        <translation>Disculpa en el vale</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Conceder</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Apology</source>
        <translation>Disculpa</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>El importe debe ser mayor que cero.</translation>
    </message>
    <message>
        <source>A note is required for more than {amount}: say what happened.</source>
        <translation>Para más de {amount} se necesita una nota: explique qué ocurrió.</translation>
    </message>
</context>
<context>
    <name>ContactCard</name>
    <message>
        <source>first name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>apellidos</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <source>address</source>
        <translation>dirección</translation>
    </message>
    <message>
        <source>city</source>
        <translation>ciudad</translation>
    </message>
    <message>
        <source>postal code</source>
        <translation>código postal</translation>
    </message>
    <message>
        <source>loyalty number</source>
        <translation>número de fidelización</translation>
    </message>
    <message>
        <source>room</source>
        <translation>habitación</translation>
    </message>
    <message>
        <source>Customer {id}</source>
        <translation>Huésped {id}</translation>
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
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Make it right</source>
        <translation>Compensar</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Find a guest to begin: type a name, a few digits of their phone, an e-mail, a loyalty or room number.</source>
        <translation>Para empezar, busque un huésped: escriba un nombre, algunos dígitos de su teléfono, un correo electrónico, un número de fidelización o de habitación.</translation>
    </message>
    <message>
        <source>Saved {field}.</source>
        <translation>Se ha guardado: {field}.</translation>
    </message>
    <message>
        <source>Could not save; please try again.</source>
        <translation>No se pudo guardar; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <source>Done: {action} of {amount} recorded, approved by {approver}.</source>
        <translation>Hecho. Registrado: {action} de {amount}, con la aprobación de {approver}.</translation>
    </message>
    <message>
        <source>Done: {action} of {amount} recorded.</source>
        <translation>Hecho. Registrado: {action} de {amount}.</translation>
    </message>
    <message>
        <source>Voucher {code} issued.</source>
        <translation>Vale {code} emitido.</translation>
    </message>
    <message>
        <source>Needs approval from a {tier} or above. {why}</source>
        <translation>Requiere la aprobación de un {tier} o superior. {why}</translation>
    </message>
    <message>
        <source>Not possible: {why}</source>
        <translation>No es posible: {why}</translation>
    </message>
    <message>
        <source>{action} of {amount} for {who}</source>
        <translation>{action} de {amount} para {who}</translation>
    </message>
    <message>
        <source>Could not check the approver; nothing was recorded.</source>
        <translation>No se pudo verificar a quien aprueba; no se ha registrado nada.</translation>
    </message>
    <message>
        <source>Could not refer it.</source>
        <translation>No se pudo remitir.</translation>
    </message>
    <message>
        <source>Referred: the {action} is pending until a {tier} decides it.</source>
        <translation>Remitido: la solicitud de {action} queda pendiente hasta que decida un {tier}.</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was recorded.</source>
        <translation>Algo ha fallado; no se ha registrado nada.</translation>
    </message>
</context>
<context>
    <name>CustomerResultsModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Habitación</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Fidelización</translation>
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
        <translation>Decisiones</translation>
    </message>
    <message>
        <source>Summary of the decisions</source>
        <translation>Resumen de las decisiones</translation>
    </message>
    <message>
        <source>Reco&amp;gnise…</source>
        <translation>&amp;Reconocer…</translation>
    </message>
    <message>
        <source>Recognise the selected decision</source>
        <translation>Reconocer la decisión seleccionada</translation>
    </message>
    <message>
        <source>Tell the employee this decision was well made; they see it at their next sign-in (Alt+G)</source>
        <translation>Comunicar al empleado que esta decisión fue acertada; lo verá la próxima vez que inicie sesión (Alt+R)</translation>
    </message>
    <message>
        <source>Enter or a double-click opens the guest at the counter.</source>
        <translation>Enter o un doble clic abre la ficha del huésped en el puesto.</translation>
    </message>
    <message>
        <source>{channel} {n}</source>
        <translation>{channel}: {n}</translation>
    </message>
    <message>
        <source>approved by someone else: {n} ({channels})</source>
        <translation>aprobadas por otra persona: {n} ({channels})</translation>
    </message>
    <message>
        <source>1 decision</source>
        <translation>1 decisión</translation>
    </message>
    <message>
        <source>{n} decisions</source>
        <translation>{n} decisiones</translation>
    </message>
    <message>
        <source>approved by someone else: {n}</source>
        <translation>aprobadas por otra persona: {n}</translation>
    </message>
    <message>
        <source>overrides: {n}</source>
        <translation>excepciones autorizadas: {n}</translation>
    </message>
    <message>
        <source>allowance exceptions: {n}</source>
        <translation>excepciones de asignación: {n}</translation>
    </message>
    <message>
        <source>referrals: {n}</source>
        <translation>remisiones: {n}</translation>
    </message>
    <message>
        <source>vouchers: {n}, {m} came back</source>
        <translation>vales: {n}; volvieron: {m}</translation>
    </message>
</context>
<context>
    <name>FarAnswers</name>
    <message>
        <source>Phone approval</source>
        <translation>Aprobación telefónica</translation>
    </message>
    <message>
        <source>Answer a telephone approval</source>
        <translation>Responder a una aprobación telefónica</translation>
    </message>
    <message>
        <source>Answer an approval asked by telephone (Ctrl+Shift+A)</source>
        <translation>Responder a una aprobación solicitada por teléfono (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Requests from other desks waiting for an approver (Ctrl+Shift+W)</source>
        <translation>Solicitudes de otros puestos que esperan aprobación (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <source>1 approval waiting</source>
        <translation>1 aprobación pendiente</translation>
    </message>
    <message>
        <source>{n} approvals waiting</source>
        <translation>{n} aprobaciones pendientes</translation>
    </message>
</context>
<context>
    <name>HistoryTable</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>Aprobado por</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Customer history</source>
        <translation>Historial del huésped</translation>
    </message>
    <message>
        <source>approved by {name}</source>
        <translation>aprobada por {name}</translation>
    </message>
    <message>
        <source>“{note}”</source>
        <translation>«{note}»</translation>
    </message>
    <message>
        <source>{who}: “{note}”</source>
        <translation>{who}: «{note}»</translation>
    </message>
    <message>
        <source>(by telephone)</source>
        <translation>(por teléfono)</translation>
    </message>
    <message>
        <source>(online)</source>
        <translation>(en línea)</translation>
    </message>
    <message>
        <source>{field} corrected: {before} → {after}</source>
        <translation>Corrección de {field}: {before} → {after}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>{what}: referred, pending a {tier}&apos;s decision</source>
        <translation>{what}: remisión pendiente de la decisión de un {tier}</translation>
    </message>
    <message>
        <source>{what}: referred → approved by {name}</source>
        <translation>{what}: remisión → aprobada por {name}</translation>
    </message>
    <message>
        <source>{what}: referred → declined by {name}</source>
        <translation>{what}: remisión → rechazada por {name}</translation>
    </message>
    <message>
        <source>Voucher {code} {state}</source>
        <translation>Vale {code} {state}</translation>
    </message>
    <message>
        <source>{what}: referred → approved → granted</source>
        <translation>{what}: remisión → aprobada → concedida</translation>
    </message>
    <message>
        <source>voucher {code} {state}</source>
        <translation>vale {code} {state}</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>emitido</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>canjeado</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>caducado</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Remitido</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Concedido</translation>
    </message>
    <message>
        <source>Voucher issued</source>
        <translation>Vale emitido</translation>
    </message>
    <message>
        <source>Voucher redeemed</source>
        <translation>Vale canjeado</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>Corregido</translation>
    </message>
    <message>
        <source>{step} {when} by {who}</source>
        <translation>{step} {when} por {who}</translation>
    </message>
    <message>
        <source>{step}: “{note}”</source>
        <translation>{step}: «{note}»</translation>
    </message>
    <message>
        <source>Note: “{note}”</source>
        <translation>Nota: «{note}»</translation>
    </message>
    <message>
        <source>Voucher valid until {day}</source>
        <translation>Vale válido hasta el {day}</translation>
    </message>
    <message>
        <source>Enter or double-click to reprint (marked COPY)</source>
        <translation>Enter o doble clic para reimprimir (marcado como COPIA)</translation>
    </message>
</context>
<context>
    <name>InlineField</name>
    <message>
        <source>Click or press F2 to edit; Enter saves, Esc reverts</source>
        <translation>Haga clic o pulse F2 para editar; Enter guarda, Esc deshace</translation>
    </message>
</context>
<context>
    <name>LearningTab</name>
    <message>
        <source>Patterns</source>
        <translation>Patrones</translation>
    </message>
    <message>
        <source>Places named again and again</source>
        <translation>Lugares mencionados una y otra vez</translation>
    </message>
    <message>
        <source>Repeat guests</source>
        <translation>Huéspedes recurrentes</translation>
    </message>
    <message>
        <source>Guests with three or more recoveries within 90 days; Enter opens the guest at the counter</source>
        <translation>Huéspedes con tres o más compensaciones en 90 días; Enter abre la ficha del huésped en el puesto</translation>
    </message>
    <message>
        <source>Decisions per week, by category</source>
        <translation>Decisiones por semana, por categoría</translation>
    </message>
    <message>
        <source>Coaching &amp;note…</source>
        <translation>&amp;Nota de coaching…</translation>
    </message>
    <message>
        <source>Coaching note for the pattern&apos;s employee</source>
        <translation>Nota de coaching para el empleado del patrón</translation>
    </message>
    <message>
        <source>A private note about the selected pattern&apos;s employee (Alt+N)</source>
        <translation>Una nota privada sobre el empleado del patrón seleccionado (Alt+N)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Patterns worth a conversation (not verdicts)</source>
        <translation>Patrones que merecen una conversación (no veredictos)</translation>
    </message>
    <message>
        <source>Repeat guests (3 or more in 90 days)</source>
        <translation>Huéspedes recurrentes (3 o más en 90 días)</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>Frecuencia</translation>
    </message>
    <message>
        <source>One reason</source>
        <translation>Un solo motivo</translation>
    </message>
    <message>
        <source>Repeated credit</source>
        <translation>Crédito repetido</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Decisiones</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>What was seen</source>
        <translation>Lo observado</translation>
    </message>
    <message>
        <source>Nothing here stands out for this period.</source>
        <translation>Nada destaca en este periodo.</translation>
    </message>
    <message>
        <source>Found over the whole period; the filters above do not narrow them.</source>
        <translation>Detectados en todo el periodo; los filtros de arriba no los acotan.</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Huésped</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
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
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Lock the desk (Ctrl+L)</source>
        <translation>Bloquear el puesto (Ctrl+L)</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Vale</translation>
    </message>
    <message>
        <source>Check or redeem a voucher (Ctrl+Shift+V)</source>
        <translation>Consultar o canjear un vale (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>Check a voucher</source>
        <translation>Consultar un vale</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Remisiones</translation>
    </message>
    <message>
        <source>Pending referrals and lockouts (Ctrl+R)</source>
        <translation>Remisiones pendientes y bloqueos (Ctrl+R)</translation>
    </message>
    <message>
        <source>Referrals and accounts</source>
        <translation>Remisiones y cuentas</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Review and learning (Ctrl+Shift+R)</source>
        <translation>Revisión y aprendizaje (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Review and learning</source>
        <translation>Revisión y aprendizaje</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Sign out (Ctrl+Shift+Q)</source>
        <translation>Cerrar sesión (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <source>Opening the desk…</source>
        <translation>Abriendo el puesto…</translation>
    </message>
    <message>
        <source>Audit log damaged — tell a manager</source>
        <translation>Registro de auditoría dañado — avise a un gerente</translation>
    </message>
    <message>
        <source>Policy {version} is now in force.</source>
        <translation>La política {version} ya está en vigor.</translation>
    </message>
    <message>
        <source>The local audit log does not verify: {problem} Run &apos;leeway audit verify&apos; and do not sync this desk until it is explained.</source>
        <translation>El registro de auditoría local no supera la verificación: {problem} Ejecute &apos;leeway audit verify&apos; y no sincronice este puesto hasta que se haya aclarado.</translation>
    </message>
    <message>
        <source>Back to the review: Ctrl+Shift+R</source>
        <translation>Volver a la revisión: Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
    <message>
        <source>Signed in: {name} ({id})</source>
        <translation>Sesión iniciada: {name} ({id})</translation>
    </message>
    <message>
        <source>Locked by {name}. Sign in to continue.</source>
        <translation>Bloqueado por {name}. Inicie sesión para continuar.</translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <source>Referrals and accounts</source>
        <translation>Remisiones y cuentas</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Solicitado</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Huésped</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Reason and note</source>
        <translation>Motivo y nota</translation>
    </message>
    <message>
        <source>Pending referrals</source>
        <translation>Remisiones pendientes</translation>
    </message>
    <message>
        <source>No referrals are pending.</source>
        <translation>No hay remisiones pendientes.</translation>
    </message>
    <message>
        <source>Decision note</source>
        <translation>Nota de la decisión</translation>
    </message>
    <message>
        <source>Note for the record (optional)</source>
        <translation>Nota para el registro (opcional)</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>&amp;Rechazar…</translation>
    </message>
    <message>
        <source>Decline referral</source>
        <translation>Rechazar remisión</translation>
    </message>
    <message>
        <source>Decline the selected referral; asks first (Alt+D)</source>
        <translation>Rechazar la remisión seleccionada; pide confirmación antes (Alt+R)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Aprobar</translation>
    </message>
    <message>
        <source>Approve referral</source>
        <translation>Aprobar remisión</translation>
    </message>
    <message>
        <source>Approve and record the selected referral (Alt+A)</source>
        <translation>Aprobar y registrar la remisión seleccionada (Alt+A)</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Locked accounts</source>
        <translation>Cuentas bloqueadas</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Bloqueada hasta</translation>
    </message>
    <message>
        <source>Nobody is locked out at this desk.</source>
        <translation>No hay nadie bloqueado en este puesto.</translation>
    </message>
    <message>
        <source>&amp;Lift lockout</source>
        <translation>&amp;Levantar bloqueo</translation>
    </message>
    <message>
        <source>Lift lockout</source>
        <translation>Levantar bloqueo</translation>
    </message>
    <message>
        <source>Lift the selected lockout (Enter on the row, or Alt+L)</source>
        <translation>Levantar el bloqueo seleccionado (Enter en la fila, o Alt+L)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>{reason}: {note}</source>
        <translation>{reason}: {note}</translation>
    </message>
    <message>
        <source>You may decide</source>
        <translation>Puede decidir usted</translation>
    </message>
    <message>
        <source>Your own request: another approver decides it</source>
        <translation>Su propia solicitud: la decide otra persona que pueda aprobarla</translation>
    </message>
    <message>
        <source>Waiting for a {tier}</source>
        <translation>A la espera de un {tier}</translation>
    </message>
    <message>
        <source>the {amount} {action} for {guest}, asked by {who}</source>
        <translation>la solicitud de {action} de {amount} para {guest}, pedida por {who}</translation>
    </message>
    <message>
        <source>Decline {what}?</source>
        <translation>¿Rechazar {what}?</translation>
    </message>
    <message>
        <source>The guest gets nothing, and the request leaves the list for good.</source>
        <translation>El huésped no recibe nada y la solicitud sale de la lista definitivamente.</translation>
    </message>
    <message>
        <source>&amp;Decline it</source>
        <translation>&amp;Rechazarla</translation>
    </message>
    <message>
        <source>&amp;Keep it pending</source>
        <translation>&amp;Mantenerla pendiente</translation>
    </message>
    <message>
        <source>Decline it</source>
        <translation>Rechazarla</translation>
    </message>
    <message>
        <source>Keep it pending</source>
        <translation>Mantenerla pendiente</translation>
    </message>
    <message>
        <source>Declined {what}.</source>
        <translation>Se ha rechazado {what}.</translation>
    </message>
    <message>
        <source>Declined.</source>
        <translation>Rechazada.</translation>
    </message>
    <message>
        <source>Approved and recorded; voucher {code} issued (print it from the guest&apos;s history).</source>
        <translation>Aprobada y registrada; vale {code} emitido (imprímalo desde el historial del huésped).</translation>
    </message>
    <message>
        <source>Approved and recorded.</source>
        <translation>Aprobada y registrada.</translation>
    </message>
    <message>
        <source>Lockout lifted for {name} ({id}).</source>
        <translation>Bloqueo levantado para {name} ({id}).</translation>
    </message>
    <message>
        <source>That did not work; nothing was changed.</source>
        <translation>No ha funcionado; no se ha cambiado nada.</translation>
    </message>
</context>
<context>
    <name>PhoneAnswerDialog</name>
    <message>
        <source>Answer a telephone approval</source>
        <translation>Responder a una aprobación telefónica</translation>
    </message>
    <message>
        <source>The associate reads you a challenge. Type it with your own ID and PIN, then read the answer back to them.</source>
        <translation>El empleado le lee un código de verificación. Escríbalo junto con su propio ID y PIN y, después, léale el código de respuesta.</translation>
    </message>
    <message>
        <source>Challenge</source>
        <translation>Código de verificación</translation>
    </message>
    <message>
        <source>15 characters, as read to you</source>
        <translation>15 caracteres, tal como se los leen</translation>
    </message>
    <message>
        <source>Approver ID</source>
        <translation>ID de quien aprueba</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Answer code</source>
        <translation>Código de respuesta</translation>
    </message>
    <message>
        <source>What the answer approves</source>
        <translation>Lo que aprueba la respuesta</translation>
    </message>
    <message>
        <source>Make answer</source>
        <translation>Generar respuesta</translation>
    </message>
    <message>
        <source>Check your PIN and make the answer (Alt+M)</source>
        <translation>Verificar su PIN y generar la respuesta (Alt+M)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Enter the challenge the associate reads to you.</source>
        <translation>Introduzca el código de verificación que le lee el empleado.</translation>
    </message>
    <message>
        <source>Enter your employee ID.</source>
        <translation>Introduzca su ID de empleado.</translation>
    </message>
    <message>
        <source>Enter your PIN.</source>
        <translation>Introduzca su PIN.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Could not make the answer; try again.</source>
        <translation>No se pudo generar la respuesta; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Answer code {code}</source>
        <translation>Código de respuesta {code}</translation>
    </message>
    <message>
        <source>Read this back: {action} of {amount}</source>
        <translation>Léale esto: {action} de {amount}</translation>
    </message>
    <message>
        <source>The associate types your ID, {id}, and this answer. It is good for that one request only.</source>
        <translation>El empleado introduce su ID, {id}, y esta respuesta. Solo sirve para esa solicitud.</translation>
    </message>
</context>
<context>
    <name>PhoneAskDialog</name>
    <message>
        <source>Ask by telephone</source>
        <translation>Pedir por teléfono</translation>
    </message>
    <message>
        <source>Challenge</source>
        <translation>Código de verificación</translation>
    </message>
    <message>
        <source>Approver ID</source>
        <translation>ID de quien aprueba</translation>
    </message>
    <message>
        <source>Answer code</source>
        <translation>Código de respuesta</translation>
    </message>
    <message>
        <source>The 10 characters the approver reads back</source>
        <translation>Los 10 caracteres que le lee quien aprueba</translation>
    </message>
    <message>
        <source>New challenge</source>
        <translation>Nuevo código</translation>
    </message>
    <message>
        <source>Draw another challenge (Alt+N)</source>
        <translation>Generar otro código de verificación (Alt+N)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Unlock and grant</source>
        <translation>Desbloquear y conceder</translation>
    </message>
    <message>
        <source>Drawing a challenge…</source>
        <translation>Generando un código de verificación…</translation>
    </message>
    <message>
        <source>Could not draw a challenge; try again.</source>
        <translation>No se pudo generar un código de verificación; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Challenge {code}</source>
        <translation>Código de verificación {code}</translation>
    </message>
    <message>
        <source>Read this to a {tier} or above. Valid until {time}.</source>
        <translation>Léaselo a un {tier} o superior. Válido hasta las {time}.</translation>
    </message>
    <message>
        <source>This challenge has expired. Draw a new one (Alt+N) and read it to the approver.</source>
        <translation>Este código de verificación ha caducado. Genere uno nuevo (Alt+N) y léaselo a quien aprueba.</translation>
    </message>
    <message>
        <source>Enter the approver&apos;s ID.</source>
        <translation>Introduzca el ID de quien aprueba.</translation>
    </message>
    <message>
        <source>Enter the answer code the approver reads back.</source>
        <translation>Introduzca el código de respuesta que le lee quien aprueba.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Could not check the answer; nothing was recorded.</source>
        <translation>No se pudo verificar la respuesta; no se ha registrado nada.</translation>
    </message>
</context>
<context>
    <name>RecognitionDialog</name>
    <message>
        <source>Recognise a decision</source>
        <translation>Reconocer una decisión</translation>
    </message>
    <message>
        <source>Recognition note</source>
        <translation>Nota de reconocimiento</translation>
    </message>
    <message>
        <source>What was done well (optional)</source>
        <translation>Qué se hizo bien (opcional)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Nota</translation>
    </message>
    <message>
        <source>They see this once, at their next sign-in.</source>
        <translation>Lo verá una sola vez, la próxima vez que inicie sesión.</translation>
    </message>
    <message>
        <source>Recognise</source>
        <translation>Reconocer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>RecognitionNotice</name>
    <message>
        <source>Recognition</source>
        <translation>Reconocimiento</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>Gracias</translation>
    </message>
    <message>
        <source>Dismiss the recognition</source>
        <translation>Descartar el reconocimiento</translation>
    </message>
    <message>
        <source>Hide this notice</source>
        <translation>Ocultar este aviso</translation>
    </message>
    <message>
        <source>Well done: {by} recognised your {action} for {guest}</source>
        <translation>Buen trabajo: {by} ha reconocido su {action} para {guest}</translation>
    </message>
    <message>
        <source>Well done: {by} recognised one of your decisions</source>
        <translation>Buen trabajo: {by} ha reconocido una de sus decisiones</translation>
    </message>
    <message>
        <source>{sentence}: “{note}”</source>
        <translation>{sentence}: «{note}»</translation>
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
        <translation>Aún puede conceder {shift} en este turno.</translation>
    </message>
    <message>
        <source>Your allowance for this shift is used up: anything more needs approval.</source>
        <translation>Ha agotado su asignación de este turno: cualquier importe adicional requiere aprobación.</translation>
    </message>
    <message>
        <source>This guest has {budget} left of their goodwill budget.</source>
        <translation>A este huésped le quedan {budget} de su presupuesto de cortesía.</translation>
    </message>
    <message>
        <source>This guest&apos;s goodwill budget is used up: anything more needs approval.</source>
        <translation>El presupuesto de cortesía de este huésped está agotado: cualquier importe adicional requiere aprobación.</translation>
    </message>
    <message>
        <source>{amount}, needs approval</source>
        <translation>{amount}, requiere aprobación</translation>
    </message>
    <message>
        <source>needs approval</source>
        <translation>requiere aprobación</translation>
    </message>
    <message>
        <source>up to {amount}</source>
        <translation>hasta {amount}</translation>
    </message>
    <message>
        <source>On your own you can grant this guest up to {now} now: your {action} limit is {limit}, {shift} is left this shift and {budget} of their goodwill budget.</source>
        <translation>Por su cuenta puede conceder ahora a este huésped hasta {now}: su límite de {action} es {limit}, le quedan {shift} en este turno y {budget} del presupuesto de cortesía del huésped.</translation>
    </message>
    <message>
        <source>This guest has had {count} goodwill actions in {days} days; another needs approval.</source>
        <translation>Este huésped ha recibido {count} gestos de cortesía en {days} días; otro más requiere aprobación.</translation>
    </message>
    <message>
        <source>{what} for {who}</source>
        <translation>{what} para {who}</translation>
    </message>
</context>
<context>
    <name>RemoteAskDialog</name>
    <message>
        <source>Ask a manager elsewhere</source>
        <translation>Pedir a un gerente de otro puesto</translation>
    </message>
    <message>
        <source>Approval status</source>
        <translation>Estado de la aprobación</translation>
    </message>
    <message>
        <source>Sending the request…</source>
        <translation>Enviando la solicitud…</translation>
    </message>
    <message>
        <source>Ask by telephone…</source>
        <translation>Pedir por teléfono…</translation>
    </message>
    <message>
        <source>Ask by telephone</source>
        <translation>Pedir por teléfono</translation>
    </message>
    <message>
        <source>Read a code to an approver on the telephone instead (Alt+T)</source>
        <translation>En su lugar, leer un código por teléfono a quien aprueba (Alt+T)</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <source>Withdraw the request</source>
        <translation>Retirar la solicitud</translation>
    </message>
    <message>
        <source>The guest no longer needs it, or it was asked wrongly (Alt+W, Esc)</source>
        <translation>El huésped ya no lo necesita o se pidió por error (Alt+W, Esc)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Sent to every desk where a {tier} or above is signed in. It is granted here as soon as one of them approves it.</source>
        <translation>Enviada a todos los puestos donde haya un {tier} o superior con la sesión iniciada. Se concede aquí en cuanto uno de ellos la apruebe.</translation>
    </message>
    <message>
        <source>The central database cannot be reached; ask by telephone instead.</source>
        <translation>No se puede acceder a la base de datos central; pida la aprobación por teléfono.</translation>
    </message>
    <message>
        <source>Could not send the request.</source>
        <translation>No se pudo enviar la solicitud.</translation>
    </message>
    <message>
        <source>Waiting for a manager… (expires in {m}:{s:02d})</source>
        <translation>Esperando a un gerente… (caduca en {m}:{s:02d})</translation>
    </message>
    <message>
        <source>Declined by {name}: {why}</source>
        <translation>Rechazada por {name}: {why}</translation>
    </message>
    <message>
        <source>Declined by {name}.</source>
        <translation>Rechazada por {name}.</translation>
    </message>
    <message>
        <source>Declined: {why}</source>
        <translation>Rechazada: {why}</translation>
    </message>
    <message>
        <source>Declined.</source>
        <translation>Rechazada.</translation>
    </message>
    <message>
        <source>The request expired without an answer. Ask again, or ask by telephone.</source>
        <translation>La solicitud caducó sin respuesta. Vuelva a pedirla o pídala por teléfono.</translation>
    </message>
    <message>
        <source>The request was withdrawn.</source>
        <translation>Se ha retirado la solicitud.</translation>
    </message>
    <message>
        <source>Cannot reach the central database just now; still trying.</source>
        <translation>Ahora mismo no se puede acceder a la base de datos central; se sigue intentando.</translation>
    </message>
    <message>
        <source>Could not check for an answer; still trying.</source>
        <translation>No se pudo comprobar si hay respuesta; se sigue intentando.</translation>
    </message>
    <message>
        <source>Withdrawing…</source>
        <translation>Retirando…</translation>
    </message>
</context>
<context>
    <name>ReviewColumns</name>
    <message>
        <source>Count</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>W{week}</source>
        <translation>S{week}</translation>
    </message>
    <message>
        <source>at the desk</source>
        <translation>en el puesto</translation>
    </message>
    <message>
        <source>by telephone</source>
        <translation>por teléfono</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>by referral</source>
        <translation>por remisión</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>emitido</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>canjeado</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>caducado</translation>
    </message>
    <message>
        <source>override</source>
        <translation>excepción autorizada</translation>
    </message>
    <message>
        <source>allowance exception</source>
        <translation>excepción de asignación</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>Aprobado por</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Huésped</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Vale</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Decisiones</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Proporción</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>Vales</translation>
    </message>
    <message>
        <source>Came back</source>
        <translation>Volvieron</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tasa</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review sync results</source>
        <translation>Revisar resultados de la sincronización</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>Cuál</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Items to review</source>
        <translation>Elementos por revisar</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>Marcar como revisado</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Contact conflict</source>
        <translation>Conflicto de contacto</translation>
    </message>
    <message>
        <source>Voucher redeemed twice</source>
        <translation>Vale canjeado dos veces</translation>
    </message>
    <message>
        <source>Rejected by central</source>
        <translation>Rechazado por la base de datos central</translation>
    </message>
    <message>
        <source>That did not work; nothing was changed.</source>
        <translation>No ha funcionado; no se ha cambiado nada.</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Review and learning</source>
        <translation>Revisión y aprendizaje</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Last &amp;7 days</source>
        <translation>Últimos &amp;7 días</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>This &amp;week</source>
        <translation>Esta &amp;semana</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Last &amp;30 days</source>
        <translation>Últimos &amp;30 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>&amp;Employee</source>
        <translation>&amp;Empleado</translation>
    </message>
    <message>
        <source>Employee filter</source>
        <translation>Filtro de empleado</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <source>Reason filter</source>
        <translation>Filtro de motivo</translation>
    </message>
    <message>
        <source>C&amp;ategory</source>
        <translation>C&amp;ategoría</translation>
    </message>
    <message>
        <source>Category filter</source>
        <translation>Filtro de categoría</translation>
    </message>
    <message>
        <source>Acti&amp;on</source>
        <translation>Acc&amp;ión</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>Filtro de acción</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>Has&amp;ta</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>Estado de la revisión</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Review tabs</source>
        <translation>Pestañas de la revisión</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Decisiones</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Totales</translation>
    </message>
    <message>
        <source>Wins and came back</source>
        <translation>Logros y regresos</translation>
    </message>
    <message>
        <source>Root causes and patterns</source>
        <translation>Causas raíz y patrones</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>Simulación</translation>
    </message>
    <message>
        <source>{tab} (Ctrl+{n})</source>
        <translation>{tab} (Ctrl+{n})</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Guardar &amp;PDF…</translation>
    </message>
    <message>
        <source>Save the review as PDF</source>
        <translation>Guardar la revisión como PDF</translation>
    </message>
    <message>
        <source>The review as shown, as a PDF (Alt+P)</source>
        <translation>La revisión tal como se muestra, en PDF (Alt+P)</translation>
    </message>
    <message>
        <source>Save &amp;CSV…</source>
        <translation>Guardar &amp;CSV…</translation>
    </message>
    <message>
        <source>Save the decisions as CSV</source>
        <translation>Guardar las decisiones como CSV</translation>
    </message>
    <message>
        <source>The decisions as shown, for a spreadsheet (Alt+C)</source>
        <translation>Las decisiones tal como se muestran, para una hoja de cálculo (Alt+C)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the review</source>
        <translation>Cerrar la revisión</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <source>Approvals waiting</source>
        <translation>Aprobaciones pendientes</translation>
    </message>
    <message>
        <source>Requests from other desks (Ctrl+Shift+W)</source>
        <translation>Solicitudes de otros puestos (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <source>1 approval waiting</source>
        <translation>1 aprobación pendiente</translation>
    </message>
    <message>
        <source>{n} approvals waiting</source>
        <translation>{n} aprobaciones pendientes</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>El periodo termina antes de empezar.</translation>
    </message>
    <message>
        <source>Could not load the review.</source>
        <translation>No se pudo cargar la revisión.</translation>
    </message>
    <message>
        <source>{n} of {m} decisions match the filters.</source>
        <translation>{n} de {m} decisiones coinciden con los filtros.</translation>
    </message>
    <message>
        <source>{employee}: {action} of {amount} for {guest}</source>
        <translation>{employee}: {action} de {amount} para {guest}</translation>
    </message>
    <message>
        <source>Recognising…</source>
        <translation>Registrando el reconocimiento…</translation>
    </message>
    <message>
        <source>Could not record the recognition.</source>
        <translation>No se pudo registrar el reconocimiento.</translation>
    </message>
    <message>
        <source>Recognised: {name} will see it at their next sign-in.</source>
        <translation>Reconocimiento registrado: {name} lo verá la próxima vez que inicie sesión.</translation>
    </message>
    <message>
        <source>Coaching notes about you are kept by your manager.</source>
        <translation>Las notas de coaching sobre usted las guarda su gerente.</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saving {file}…</source>
        <translation>Guardando {file}…</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Guardado en {path}.</translation>
    </message>
    <message>
        <source>Could not save to {path}: {why}</source>
        <translation>No se pudo guardar en {path}: {why}</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Name, phone, e-mail, loyalty, room (Ctrl+K)</source>
        <translation>Nombre, teléfono, correo, fidelización, habitación (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Buscar huéspedes</translation>
    </message>
    <message>
        <source>Find a guest by name, phone, e-mail, loyalty or room number (Ctrl+K)</source>
        <translation>Buscar un huésped por nombre, teléfono, correo electrónico, número de fidelización o de habitación (Ctrl+K)</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <source>No guest matches.</source>
        <translation>Ningún huésped coincide.</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 resultado</translation>
    </message>
    <message>
        <source>{n}{more} matches</source>
        <translation>{n}{more} resultados</translation>
    </message>
    <message>
        <source>{count}; ↓ to choose, Enter to open</source>
        <translation>{count}; ↓ para elegir, Enter para abrir</translation>
    </message>
</context>
<context>
    <name>SignInWidget</name>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Enter your employee ID and PIN.</source>
        <translation>Introduzca su ID de empleado y su PIN.</translation>
    </message>
    <message>
        <source>Employee ID</source>
        <translation>ID de empleado</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>The desk locked itself. Sign in to continue.</source>
        <translation>El puesto se ha bloqueado automáticamente. Inicie sesión para continuar.</translation>
    </message>
    <message>
        <source>Opening the desk…</source>
        <translation>Abriendo el puesto…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Sign-in failed; please try again.</source>
        <translation>No se pudo iniciar sesión; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>1 attempt left before this ID is locked for {minutes} minutes.</source>
        <translation>Queda 1 intento antes de que este ID se bloquee durante {minutes} minutos.</translation>
    </message>
    <message>
        <source>{n} attempts left before this ID is locked for {minutes} minutes.</source>
        <translation>Quedan {n} intentos antes de que este ID se bloquee durante {minutes} minutos.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Local only</source>
        <translation>Solo local</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>{n} pending (oldest {minutes} min)</source>
        <translation>pendientes: {n} (el más antiguo: {minutes} min)</translation>
    </message>
    <message>
        <source>{n} pending (oldest &lt;1 min)</source>
        <translation>pendientes: {n} (el más antiguo: &lt;1 min)</translation>
    </message>
    <message>
        <source>{n} pending</source>
        <translation>pendientes: {n}</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>última sincronización {time}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nunca sincronizado</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <translation>rechazados: {n}</translation>
    </message>
    <message>
        <source>allowance left {amount}</source>
        <translation>asignación restante {amount}</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Review sync conflicts</source>
        <translation>Revisar conflictos de sincronización</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Sync with the central database now</source>
        <translation>Sincronizar ahora con la base de datos central</translation>
    </message>
    <message>
        <source>{n} to review</source>
        <translation>{n} por revisar</translation>
    </message>
</context>
<context>
    <name>TotalsTab</name>
    <message>
        <source>Employee</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>Aprobado por</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Totals by</source>
        <translation>Totales por</translation>
    </message>
    <message>
        <source>Totals &amp;by</source>
        <translation>Totales p&amp;or</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Totales</translation>
    </message>
    <message>
        <source>Money granted per day, by category</source>
        <translation>Importe concedido por día, por categoría</translation>
    </message>
    <message>
        <source>No decisions in this period.</source>
        <translation>No hay decisiones en este periodo.</translation>
    </message>
    <message>
        <source>Decisions by reason</source>
        <translation>Decisiones por motivo</translation>
    </message>
    <message>
        <source>other categories</source>
        <translation>otras categorías</translation>
    </message>
    <message>
        <source>Money granted per day, by category ({cur})</source>
        <translation>Importe concedido por día, por categoría ({cur})</translation>
    </message>
    <message>
        <source>Money granted per week, by category ({cur})</source>
        <translation>Importe concedido por semana, por categoría ({cur})</translation>
    </message>
    <message>
        <source>Money granted per month, by category ({cur})</source>
        <translation>Importe concedido por mes, por categoría ({cur})</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Manager unlock</source>
        <translation>Desbloqueo por gerente</translation>
    </message>
    <message>
        <source>A {tier} or above unlocks this one action with their own ID and PIN.</source>
        <translation>Un {tier} o superior desbloquea solo esta acción con su propio ID y PIN.</translation>
    </message>
    <message>
        <source>Nobody at this desk may approve this. Refer it: a {tier} decides later.</source>
        <translation>Nadie en este puesto puede aprobar esto. Remítalo: un {tier} decidirá más tarde.</translation>
    </message>
    <message>
        <source>Approver ID</source>
        <translation>ID de quien aprueba</translation>
    </message>
    <message>
        <source>Approver PIN</source>
        <translation>PIN de quien aprueba</translation>
    </message>
    <message>
        <source>Unlock and grant</source>
        <translation>Desbloquear y conceder</translation>
    </message>
    <message>
        <source>Refer for later</source>
        <translation>Remitir para más tarde</translation>
    </message>
    <message>
        <source>Record it as pending for a higher tier (Alt+R)</source>
        <translation>Registrarla como pendiente para un nivel superior (Alt+R)</translation>
    </message>
    <message>
        <source>Ask by telephone…</source>
        <translation>Pedir por teléfono…</translation>
    </message>
    <message>
        <source>Ask by telephone</source>
        <translation>Pedir por teléfono</translation>
    </message>
    <message>
        <source>Read a code to an approver on the telephone and type the answer they read back (Alt+T)</source>
        <translation>Leer un código por teléfono a quien aprueba e introducir la respuesta que le lea (Alt+T)</translation>
    </message>
    <message>
        <source>Ask a manager elsewhere…</source>
        <translation>Pedir a un gerente de otro puesto…</translation>
    </message>
    <message>
        <source>Ask a manager elsewhere</source>
        <translation>Pedir a un gerente de otro puesto</translation>
    </message>
    <message>
        <source>Checking whether this desk can reach other desks…</source>
        <translation>Comprobando si este puesto puede comunicarse con otros puestos…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Approver not here?</source>
        <translation>¿No está quien aprueba?</translation>
    </message>
    <message>
        <source>Enter the approver&apos;s ID and PIN.</source>
        <translation>Introduzca el ID y el PIN de quien aprueba.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Send the request to approvers signed in at other desks (Alt+E)</source>
        <translation>Enviar la solicitud a quienes pueden aprobar y tienen la sesión iniciada en otros puestos (Alt+E)</translation>
    </message>
    <message>
        <source>This desk has no central database, so no other desk can be asked online; ask by telephone instead.</source>
        <translation>Este puesto no tiene base de datos central, así que no se puede pedir en línea a otro puesto; pida la aprobación por teléfono.</translation>
    </message>
</context>
<context>
    <name>VoucherCheckDialog</name>
    <message>
        <source>Check a voucher</source>
        <translation>Consultar un vale</translation>
    </message>
    <message>
        <source>Voucher code</source>
        <translation>Código del vale</translation>
    </message>
    <message>
        <source>Scan or type the code, then Enter</source>
        <translation>Escanee o escriba el código y pulse Enter</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>Canjear</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Could not check that code.</source>
        <translation>No se pudo comprobar ese código.</translation>
    </message>
    <message>
        <source>{value} for {name}
Issued {issued} at {terminal} by {by}
Expires {expires}
{message}</source>
        <translation>{value} para {name}
Emitido el {issued} en {terminal} por {by}
Caduca el {expires}
{message}</translation>
    </message>
    <message>
        <source>Could not redeem it.</source>
        <translation>No se pudo canjear.</translation>
    </message>
    <message>
        <source>Redeemed: {value}. Nothing more to do.</source>
        <translation>Canjeado: {value}. No hay nada más que hacer.</translation>
    </message>
</context>
<context>
    <name>VoucherDialog</name>
    <message>
        <source>Voucher copy</source>
        <translation>Copia del vale</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Vale</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papel</translation>
    </message>
    <message>
        <source>A6 card</source>
        <translation>Tarjeta A6</translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation>Recibo de 80 mm</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <source>Save as PDF (Ctrl+S)</source>
        <translation>Guardar como PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>Imprimir (Ctrl+P)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Preparing the voucher…</source>
        <translation>Preparando el vale…</translation>
    </message>
    <message>
        <source>Could not prepare the voucher.</source>
        <translation>No se pudo preparar el vale.</translation>
    </message>
    <message>
        <source>Reprint, marked COPY. Save it as PDF or print it.</source>
        <translation>Reimpresión, marcada como COPIA. Guárdela como PDF o imprímala.</translation>
    </message>
    <message>
        <source>Issued. Save it as PDF or print it for the guest.</source>
        <translation>Emitido. Guárdelo como PDF o imprímalo para el huésped.</translation>
    </message>
    <message>
        <source>Save voucher</source>
        <translation>Guardar vale</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save to {path}: {why}</source>
        <translation>No se pudo guardar en {path}: {why}</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Guardado en {path}.</translation>
    </message>
    <message>
        <source>Preparing to print…</source>
        <translation>Preparando la impresión…</translation>
    </message>
    <message>
        <source>Could not print.</source>
        <translation>No se pudo imprimir.</translation>
    </message>
    <message>
        <source>The printer is not available.</source>
        <translation>La impresora no está disponible.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Enviado a la impresora.</translation>
    </message>
</context>
<context>
    <name>WaitingDialog</name>
    <message>
        <source>Guest</source>
        <translation>Huésped</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Solicitado por</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <source>Reason and note</source>
        <translation>Motivo y nota</translation>
    </message>
    <message>
        <source>Approvals waiting</source>
        <translation>Aprobaciones pendientes</translation>
    </message>
    <message>
        <source>Requests from other desks</source>
        <translation>Solicitudes de otros puestos</translation>
    </message>
    <message>
        <source>Requests waiting for an approver</source>
        <translation>Solicitudes pendientes de aprobación</translation>
    </message>
    <message>
        <source>Nothing is waiting for an answer.</source>
        <translation>No hay nada pendiente de respuesta.</translation>
    </message>
    <message>
        <source>Your PIN</source>
        <translation>Su PIN</translation>
    </message>
    <message>
        <source>Reason for declining</source>
        <translation>Motivo del rechazo</translation>
    </message>
    <message>
        <source>Needed to decline; the associate reads it to the guest</source>
        <translation>Necesario para rechazar; el empleado se lo leerá al huésped</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <source>Decline request</source>
        <translation>Rechazar solicitud</translation>
    </message>
    <message>
        <source>Decline the selected request, with the reason (Alt+D)</source>
        <translation>Rechazar la solicitud seleccionada, indicando el motivo (Alt+D)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <source>Approve request</source>
        <translation>Aprobar solicitud</translation>
    </message>
    <message>
        <source>Approve the selected request with your PIN (Alt+A)</source>
        <translation>Aprobar la solicitud seleccionada con su PIN (Alt+A)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Reason to decline</source>
        <translation>Motivo para rechazar</translation>
    </message>
    <message>
        <source>The request you had selected is no longer waiting (answered elsewhere, withdrawn or expired).</source>
        <translation>La solicitud que había seleccionado ya no está pendiente (se respondió en otro puesto, se retiró o caducó).</translation>
    </message>
    <message>
        <source>{reason}: {note}</source>
        <translation>{reason}: {note}</translation>
    </message>
    <message>
        <source>the {amount} {action} for {guest}, asked by {who}</source>
        <translation>la solicitud de {action} de {amount} para {guest}, pedida por {who}</translation>
    </message>
    <message>
        <source>Select a request first.</source>
        <translation>Seleccione primero una solicitud.</translation>
    </message>
    <message>
        <source>Say why you decline, for the associate and the guest.</source>
        <translation>Indique por qué la rechaza, para el empleado y el huésped.</translation>
    </message>
    <message>
        <source>Enter your PIN to approve.</source>
        <translation>Introduzca su PIN para aprobar.</translation>
    </message>
    <message>
        <source>Enter your PIN to decline.</source>
        <translation>Introduzca su PIN para rechazar.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Could not send the answer; nothing was changed.</source>
        <translation>No se pudo enviar la respuesta; no se ha cambiado nada.</translation>
    </message>
    <message>
        <source>Sent: approved {what}. The asking desk grants it when the answer arrives.</source>
        <translation>Enviado: se ha aprobado {what}. El puesto solicitante la concede en cuanto llega la respuesta.</translation>
    </message>
    <message>
        <source>Sent: declined {what}.</source>
        <translation>Enviado: se ha rechazado {what}.</translation>
    </message>
</context>
<context>
    <name>WhatIfTab</name>
    <message>
        <source>{file} is too large to be a policy file.</source>
        <translation>{file} es demasiado grande para ser un archivo de política.</translation>
    </message>
    <message>
        <source>{file} is not a UTF-8 text file.</source>
        <translation>{file} no es un archivo de texto UTF-8.</translation>
    </message>
    <message>
        <source>C&amp;hoose policy file…</source>
        <translation>Elegir arc&amp;hivo de política…</translation>
    </message>
    <message>
        <source>Choose a candidate policy file</source>
        <translation>Elegir un archivo de política candidata</translation>
    </message>
    <message>
        <source>A policy file (TOML) to replay this period&apos;s decisions under (Alt+H)</source>
        <translation>Un archivo de política (TOML) con el que volver a evaluar las decisiones de este periodo (Alt+H)</translation>
    </message>
    <message>
        <source>Choose a policy file to see what it would have done to this period&apos;s decisions: which would have been allowed, which would have needed an approval, which refused. Nothing is changed.</source>
        <translation>Elija un archivo de política para ver qué habría hecho con las decisiones de este periodo: cuáles se habrían permitido, cuáles habrían requerido aprobación y cuáles se habrían denegado. No se cambia nada.</translation>
    </message>
    <message>
        <source>What-if status</source>
        <translation>Estado de la simulación</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Permitida</translation>
    </message>
    <message>
        <source>Approved as before</source>
        <translation>Aprobada como antes</translation>
    </message>
    <message>
        <source>Needs approval</source>
        <translation>Requiere aprobación</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Denegada</translation>
    </message>
    <message>
        <source>Decisions that would change</source>
        <translation>Decisiones que cambiarían</translation>
    </message>
    <message>
        <source>Decisions that would have gone differently</source>
        <translation>Decisiones que habrían sido distintas</translation>
    </message>
    <message>
        <source>Choose a policy file</source>
        <translation>Elegir un archivo de política</translation>
    </message>
    <message>
        <source>Policy files (*.toml);;All files (*)</source>
        <translation>Archivos de política (*.toml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Candidate policy: {file}</source>
        <translation>Política candidata: {file}</translation>
    </message>
    <message>
        <source>Replaying {n} decisions…</source>
        <translation>Volviendo a evaluar {n} decisiones…</translation>
    </message>
    <message>
        <source>Could not read the file: {why}</source>
        <translation>No se pudo leer el archivo: {why}</translation>
    </message>
    <message>
        <source>The replay failed.</source>
        <translation>La simulación ha fallado.</translation>
    </message>
    <message>
        <source>{changed} of {total} decisions would have gone differently.</source>
        <translation>{changed} de {total} decisiones habrían sido distintas.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Huésped</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
</context>
<context>
    <name>WinsTab</name>
    <message>
        <source>Wins</source>
        <translation>Logros</translation>
    </message>
    <message>
        <source>Came back, by employee</source>
        <translation>Regresos, por empleado</translation>
    </message>
    <message>
        <source>Came back, by reason</source>
        <translation>Regresos, por motivo</translation>
    </message>
    <message>
        <source>No decision was recognised in this period.</source>
        <translation>No se ha reconocido ninguna decisión en este periodo.</translation>
    </message>
    <message>
        <source>Guests who came back, by employee</source>
        <translation>Huéspedes que volvieron, por empleado</translation>
    </message>
    <message>
        <source>Guests who came back, by reason</source>
        <translation>Huéspedes que volvieron, por motivo</translation>
    </message>
    <message>
        <source>Vouchers given in the period, and how many were redeemed: the guest came back</source>
        <translation>Vales entregados en el periodo y cuántos se canjearon: el huésped volvió</translation>
    </message>
    <message>
        <source>Wins: decisions recognised</source>
        <translation>Logros: decisiones reconocidas</translation>
    </message>
    <message>
        <source>{action} of {amount} for {guest}</source>
        <translation>{action} de {amount} para {guest}</translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation>Reconocida</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>register_fonts</name>
    <message>
        <source>Qt cannot read the font {path}.</source>
        <translation>Qt no puede leer la fuente {path}.</translation>
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
        <translation>Leeway no pudo abrir los datos de este puesto ({kind}: {detail}).</translation>
    </message>
    <message>
        <source>Leeway could not open this desk&apos;s data ({kind}).</source>
        <translation>Leeway no pudo abrir los datos de este puesto ({kind}).</translation>
    </message>
</context>
</TS>
