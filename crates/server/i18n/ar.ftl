# Homeward web UI — العربية (من اليمين إلى اليسار).

app-name = Homeward
app-tagline = إعادة الأطفال المنفصلين إلى ديارهم
skip-to-content = انتقل إلى المحتوى
nav-main = القائمة الرئيسية
nav-dashboard = لوحة المتابعة
nav-children = الأطفال
nav-tracing = طلبات البحث
nav-sign-out = تسجيل الخروج
language-label = اللغة
signed-in-as = تم الدخول باسم { $login }
footer-note = كل اطلاع على سجل طفل يُدوَّن.

role-coordinator = منسّق
role-caseworker = أخصائي حالات
role-escort = مرافق
role-party_officer = ممثل طرف
role-transit_officer = ممثل دولة عبور
role-auditor = مدقّق
role-admin = مدير النظام

## Sign-in
sign-in-title = تسجيل الدخول
sign-in-intro = سجّل الدخول بالحساب الذي منحتك إياه منظمتك.
sign-in-login = اسم المستخدم
sign-in-password = كلمة المرور
sign-in-submit = دخول
sign-in-failed = اسم المستخدم أو كلمة المرور غير صحيحة. تحقق منهما وحاول مرة أخرى.
sign-in-limited = محاولات كثيرة. انتظر دقيقة ثم حاول مرة أخرى.
sign-in-signed-out = لقد سجّلت الخروج.

## Dashboard
dashboard-title = لوحة المتابعة
dashboard-total = { $count ->
    [zero] لا توجد حالات
    [one] حالة واحدة في المجموع
    [two] حالتان في المجموع
    [few] { $count } حالات في المجموع
    [many] { $count } حالة في المجموع
   *[other] { $count } حالة في المجموع
}
dashboard-by-state = الحالات حسب المرحلة
dashboard-by-party = الحالات حسب الطرف
dashboard-returned = الأطفال العائدون إلى ديارهم شهريًا
dashboard-returned-none = لم يُعَد أي طفل إلى دياره بعد.
dashboard-returned-chart = مخطط أعمدة للأطفال العائدين إلى ديارهم شهريًا؛ الأرقام نفسها في الجدول أدناه.
dashboard-no-cases = لا توجد حالات ضمن صلاحياتك.
col-state = المرحلة
col-party = الطرف
col-month = الشهر
col-cases = الحالات
col-children = الأطفال

## Case states
state-identified = تم التعرّف عليه
state-verified = تم التحقق من الهوية
state-family_located = تم العثور على الأسرة
state-consent_recorded = تم تسجيل الموافقة
state-submitted = قُدّمت إلى الطرفين
state-approved = وافق عليها الطرفان
state-transit_planned = تم تخطيط العبور
state-in_transit = في الطريق
state-handed_over = تم التسليم
state-reunited = تم لمّ الشمل
state-closed = مغلقة
state-on_hold = معلّقة
state-disputed = متنازع عليها
state-withdrawn = مسحوبة

## Case actions
action-verify = التحقق من الهوية
action-locate_family = تم العثور على الأسرة
action-record_consent = تم تسجيل الموافقة
action-submit = تقديم إلى الطرفين
action-approve = موافقة
action-plan_transit = تم تخطيط العبور
action-depart = انطلقت الرحلة
action-hand_over = تم التسليم
action-reunite = تم لمّ الشمل
action-close = إغلاق الحالة
action-hold = تعليق
action-dispute = اعتراض
action-withdraw = سحب
action-resume = استئناف

## Records
sex-M = ذكر
sex-F = أنثى
sex-unknown = غير معروف
custody-institution = مؤسسة
custody-hospital = مستشفى
custody-foster_family = أسرة حاضنة
custody-adoptive_family = أسرة متبنّية
custody-embassy = سفارة
custody-family = الأسرة
rel-mother = الأم
rel-father = الأب
rel-grandparent = الجد أو الجدة
rel-sibling = الأخ أو الأخت
rel-aunt_or_uncle = العمة أو الخال
rel-legal_guardian = الوصي القانوني
rel-other = قريب آخر
name-kind-recorded = كما في القائمة
name-kind-document = في وثيقة
name-kind-former = اسم سابق
name-kind-other = تهجئة أخرى
circ-parent_detained = أحد الوالدين محتجز
circ-medical_needs = احتياجات طبية
circ-lost_contact = انقطع الاتصال
circ-other = ظرف آخر
unknown = غير معروف
erased = محذوف

## Children list
children-title = الأطفال
children-search = الاسم، بأي كتابة أو تهجئة
children-search-hint = بالحروف اللاتينية أو السيريلية أو بأي تهجئة: «Solomiia Shevchuk» يجد «Соломія Шевчук».
filter-state = مرحلة الحالة
filter-party = الطرف المقدِّم
filter-sex = الجنس
filter-birth-year = سنة الميلاد
filter-any = الكل
filter-apply = بحث
filter-reset = مسح
children-found = { $count ->
    [zero] لم يُعثر على أي طفل
    [one] عُثر على طفل واحد
    [two] عُثر على طفلين
    [few] عُثر على { $count } أطفال
    [many] عُثر على { $count } طفلًا
   *[other] عُثر على { $count } طفل
}
children-none = لا يوجد طفل مطابق. جرّب عوامل تصفية أقل أو تهجئة أخرى.
col-name = الاسم
col-name-latin = بالحروف اللاتينية
col-sex = الجنس
col-born = الميلاد
col-submitted-by = الطرف المقدِّم
col-case = الحالة
no-case = لا توجد حالة
page-nav = الصفحات
page-prev = السابقة
page-next = التالية
page-of = الصفحة { $page } من { $pages }

## A child's page
child-names = الأسماء
col-original = الكتابة الأصلية
col-kind = النوع
child-facts = السجل
child-birth-place = مكان الميلاد
child-list = القائمة
child-documents = وثائق الهوية
child-circumstances = ظروف خاصة
child-custody = سجل الحضانة
custody-since = منذ
custody-kind = أين
custody-place = المكان
custody-address = العنوان
custody-none = لم تُسجَّل أي حضانة.
child-case = الحالة
case-state = المرحلة
case-history = سجل الحالة
case-history-none = لم تُتخذ أي خطوة بعد.
col-when = متى
col-step = الخطوة
col-from = من
col-to = إلى
col-note = ملاحظة
case-none = لم تُفتح حالة لهذا الطفل.
case-actions = الخطوات التالية
case-actions-none = لا يسمح دورك باتخاذ خطوة في هذه الحالة في مرحلتها الحالية.
case-reason = السبب (مطلوب)
case-done = أصبحت الحالة الآن «{ $state }».
case-refused = لم تُتخذ الخطوة: { $reason }
child-family = الأسرة
family-none = لا يوجد أي فرد من الأسرة في السجل.
col-relationship = صلة القرابة
col-status = الوضع
child-tracing = طلبات البحث
tracing-none = لا يوجد طلب بحث مرتبط بهذا الطفل.
child-access-log = سجل الاطلاع
access-none = لم يُسجَّل أي اطلاع بعد.
col-who = من
col-via = عبر
child-not-found = هذا السجل غير موجود، أو ليس ضمن صلاحياتك.

## Tracing requests
tracing-title = طلبات البحث
tracing-count = { $count ->
    [zero] لا توجد طلبات بحث
    [one] طلب بحث واحد
    [two] طلبا بحث
    [few] { $count } طلبات بحث
    [many] { $count } طلب بحث
   *[other] { $count } طلب بحث
}
col-child-sought = الطفل المطلوب
col-requester = مقدّم الطلب
col-filed-by = قُدّم عبر
col-last-seen = آخر مرة شوهد فيها
tracing-status-open = مفتوح
tracing-status-linked = مرتبط بطفل
tracing-list-none = لا توجد طلبات بحث ضمن صلاحياتك.

## Errors
error-title = حدث خطأ ما
error-internal = تعذّر عرض الصفحة. حاول مرة أخرى بعد قليل؛ وإذا تكرر ذلك فأبلغ المنسّق.
error-not-found = هذه الصفحة غير موجودة، أو ليست ضمن صلاحياتك.
error-forbidden = لا يمنحك دورك صلاحية الوصول إلى هذه الصفحة.
error-bad-request = لم يُرسَل النموذج من هذا الموقع. أعد تحميل الصفحة وحاول مرة أخرى.
error-back = العودة إلى لوحة المتابعة

## Public report
public-title = التقرير العام
public-intro = عدد الأطفال الذين أبلغ عنهم كل طرف، وإلى أين وصلت حالاتهم. لا يُذكر هنا اسم أي طفل أو قريب.
public-small-counts = تظهر الأعداد من 1 إلى 4 على شكل ‎<5‎ حتى لا يدل عدد صغير على أسرة بعينها.
public-by-party = الأطفال حسب الطرف الذي أبلغ عنهم
public-reported = أُبلغ عنهم
public-matched = طوبقوا
public-returned = أُعيدوا إلى ديارهم
public-matched-note = طوبقوا: أطفال فُتحت لهم حالة. تم التحقق، وافق الطرفان، أُعيدوا إلى ديارهم: أطفال بلغت حالتهم تلك الخطوة.
public-checkpoint = نقطة التحقق في السجل التي حُسبت عندها هذه الأرقام
public-checkpoint-size = عدد القيود: { $size }، موقعة من الوسيط ومصادق عليها من شهود الطرفين أدناه.

## Dashboard: witnesses
dashboard-witnesses = شهود الطرفين
dashboard-ledger-size = عدد القيود في السجل: { $size }.
dashboard-cosigned-nothing = لا شيء بعد
col-witness = مفتاح الشاهد
col-cosigned = صودق عليه حتى
col-behind = القيود المتأخرة

## Users, passwords and erasure
nav-users = المستخدمون
users-title = المستخدمون
users-add-title = إضافة مستخدم
users-add-submit = أضف المستخدم
col-organisation = المنظمة
col-role = الدور
col-actions = الإجراءات
users-active = نشط
users-disabled = معطّل
users-disable = تعطيل
users-enable = تفعيل
users-new-password = كلمة المرور الجديدة
users-new-password-for = كلمة مرور جديدة لـ { $login }
users-set-password = عيّن كلمة المرور
users-done-added = أُضيف المستخدم.
users-done-disabled = عُطّل المستخدم: لم يعد بإمكانه تسجيل الدخول، وانتهت كل جلساته ورموزه.
users-done-enabled = يمكن للمستخدم تسجيل الدخول مجددًا.
users-done-password = عُيّنت كلمة المرور؛ وانتهت كل جلسات هذا المستخدم ورموزه.
users-error-login = اسم الدخول من 2 إلى 64 حرفًا: حروف وأرقام و«.» و«-» و«_».
users-error-role = هذا الدور غير متاح في تلك المنظمة.
users-error-login-taken = اسم الدخول هذا مستخدم؛ اختر غيره.
users-error-self = لا يمكنك تعطيل نفسك؛ يمكن لمسؤول آخر ذلك.
users-error-already-disabled = هذا المستخدم معطّل بالفعل.
users-error-not-disabled = هذا المستخدم غير معطّل.
users-error-refused = رُفض التغيير؛ لم يتغير شيء.
password-rule = يجب ألا تقل كلمة المرور عن 10 أحرف.
error-busy = الخادم يتحقق من كلمات مرور كثيرة في آن واحد. حاول مجددًا بعد ثانية.
error-already-done = تم هذا من قبل؛ لم يتغير شيء.
account-password-title = غيّر كلمة مرورك
account-password-intro = عند تغيير كلمة المرور تنتهي جلساتك الأخرى على كل الأجهزة؛ وتستمر هذه الجلسة.
account-current-password = كلمة المرور الحالية
account-repeat-password = كلمة المرور الجديدة مرة أخرى
account-password-submit = غيّر كلمة المرور
account-password-done = غُيّرت كلمة مرورك. وانتهت جلساتك الأخرى.
account-error-mismatch = كلمتا المرور الجديدتان مختلفتان. اكتب كلمة المرور نفسها مرتين.
account-error-current = كلمة المرور الحالية غير صحيحة؛ لم يتغير شيء.
erase-title = محو البيانات الشخصية
erase-child-intro = يمحو الأسماء والتواريخ والأماكن والأقارب والحضانة وملاحظات الحالات والنسخ في طلبات البحث المرتبطة. يبقى السجل وحالاته وإثباتات السجل الدفتري. لا يمكن التراجع عن ذلك.
erase-reason = السبب
erase-reason-family_request = بطلب من العائلة
erase-reason-retention_period_ended = انتهت مدة الاحتفاظ
erase-reason-court_order = بأمر من المحكمة
erase-confirm = أفهم أن هذا لا يمكن التراجع عنه
erase-submit = امحُ
erase-done = مُحيت البيانات الشخصية.
erase-unconfirmed = اختر سببًا وضع علامة في خانة التأكيد؛ لم يُمحَ شيء.
tracing-status-erased = ممحو

## Organisations and witness keys
nav-organisations = المنظمات
orgs-title = المنظمات
orgs-add-title = تسجيل منظمة
orgs-add-submit = سجّل
orgs-name = الاسم
orgs-kind = النوع
orgs-side = الطرف
orgs-side-hint = طرف النزاع في الجانب A أو B؛ وليس للوسيط ولا لدول العبور جانب.
org-kind-mediator = الوسيط
org-kind-party = طرف في النزاع
org-kind-transit = دولة عبور
orgs-witness = مفتاح الشاهد
orgs-no-witness = لا شاهد بعد
orgs-witness-for = مفتاح شاهد { $name }
orgs-witness-submit = سجّل المفتاح
orgs-witness-hint = ينشئ الطرف مفتاحه على جهازه بالأمر homeward ledger keygen ويرسل المفتاح العام الذي يطبعه؛ ومن ثم يوقّع السجل بالأمر homeward ledger cosign. تسجيل المفتاح حدث في السجل.
orgs-done-added = سُجّلت المنظمة.
orgs-done-witness = سُجّل مفتاح الشاهد؛ وتُتحقق توقيعات الطرف به من الآن.
orgs-error-side = أدخل اسمًا؛ طرف النزاع يحتاج الجانب A أو B، ولا جانب لغيره.
orgs-error-taken = توجد منظمة بهذا الاسم بالفعل.
orgs-error-witness = هذا ليس مفتاح شاهد: الصق السطر الذي طبعه الأمر homeward ledger keygen (الاسم+المعرّف+base64)، لطرف في النزاع.
orgs-error-witness-taken = هذا المفتاح، أو مفتاح بهذا الاسم، يخص منظمة أخرى.

## Exports
export-download = نزّل هذه القائمة:
export-hint = يُسجَّل كل طفل في الملف في سجل الاطلاع.

## The review queue of matches
nav-matches = التطابقات
matches-title = تطابقات للمراجعة
matches-status = الحالة
matches-band = الدرجة
matches-band-all = أي درجة
matches-band-high = عالية (90 % فأكثر)
matches-band-medium = متوسطة (50–90 %)
matches-band-low = منخفضة (أقل من 50 %)
matches-filter = عرض
matches-count = { $count ->
    [zero] لا توجد تطابقات
    [one] تطابق واحد
    [two] تطابقان
    [few] { $count } تطابقات
    [many] { $count } تطابقًا
   *[other] { $count } تطابق
}
matches-position = التطابق { $position }
match-kind-parties = سجلا الطرفين
match-kind-duplicate = مرتان في قائمة واحدة
match-kind-tracing = طفل وطلب بحث
matches-renamed = الاسمان مختلفان بينما يتفق اسم الأب وتاريخ الميلاد ومكانه: ربما غُيّر اسم الطفل عند التبني. راجع الوثائق.
matches-field = الحقل
matches-open-record = فتح
matches-agreement = التوافق
matches-weight = الوزن
matches-names = الأسماء
matches-erased = ممحو
match-field-family_name = اسم العائلة
match-field-given_name = الاسم الأول
match-field-patronymic = اسم الأب
match-field-sex = الجنس
match-field-birth_date = تاريخ الميلاد
match-field-birth_place = مكان الميلاد
match-level-agree = متطابق
match-level-exact = متطابق
match-level-key = الاسم نفسه بتهجئة أخرى
match-level-group = الاسم نفسه بصيغة أخرى
match-level-similar = متشابه
match-level-near = قريب
match-level-differ = مختلف
match-level-mismatch = مختلف
match-level-missing = غير موجود
match-level-unknown = لا تمكن المقارنة
match-level-day_month_swap = اليوم والشهر مقلوبان
match-level-one_digit_typo = يختلف رقم واحد
match-level-two_digits = يختلف رقمان
match-level-year_month = السنة والشهر نفسهما
match-level-year = السنة نفسها
match-level-not_counted = لا يُحتسب (يدل عليه الاسم الأول)
match-level-year_off_1 = بفارق سنة واحدة
matches-weight-hint = الوزن هو دلالة كل حقل بالبت: موجب لصالح أنهما طفل واحد، وسالب ضده. تجمعها الدرجة مع مراعاة مدى شيوع الاسم.
matches-reason = السبب (اختياري)
matches-confirm = الطفل نفسه
matches-reject = طفلان مختلفان
matches-unsure = غير متأكد
match-status-pending = قيد المراجعة
match-status-unsure = مُعلَّم بعدم التأكد: قرّر حين تعرف المزيد.
match-status-confirmed = مؤكَّد: السجلان لطفل واحد.
match-status-rejected = مرفوض: طفلان مختلفان.
matches-undo = التراجع عن هذا القرار
matches-nav = قائمة الانتظار
matches-prev = السابق
matches-next = التالي
matches-keys = المفاتيح: C الطفل نفسه، R مختلفان، U غير متأكد، J التالي، K السابق.
matches-empty = لا شيء للمراجعة هنا.
matches-score = الدرجة
matches-kind = النوع
matches-done-confirm = تم التأكيد: أصبح السجلان طفلًا واحدًا.
matches-done-reject = تم الرفض.
matches-done-unsure = عُلِّم بعدم التأكد.
matches-done-undo = تم التراجع عن القرار؛ عاد التطابق إلى قائمة الانتظار.
child-sources = سجلات هذا الطفل
child-sources-hint = سجل كل طرف عن الطفل، وقد جمعهما تطابق مؤكَّد.
child-source-party = الطرف
child-source-list = القائمة
child-source-external = الرقم في القائمة
child-source-names = الأسماء

## Importing a party's list
nav-imports = الاستيراد
imports-title = استيراد قائمة طرف
imports-steps = الخطوات
imports-step-upload = 1. اختر الملف
imports-step-check = 2. افحصه
imports-step-done = 3. استورده
imports-upload-title = القائمة
imports-party = الطرف
imports-kind = ما تضمه القائمة
imports-kind-children = أطفال
imports-kind-tracing_requests = طلبات بحث
imports-file = الملف (CSV أو XLSX)
imports-list-name = اسم القائمة (اختياري)
imports-lang = لغة الأسماء
imports-lang-auto = من الحروف
imports-check = افحص الملف
imports-hint = لا يُحفظ شيء حتى تستورد الملف بعد فحصه. تُعرف الأعمدة بأسمائها بالإنجليزية أو الأوكرانية أو الروسية أو بوسوم HXL؛ وأي صف فيه مشكلة يوقف الملف كله.
imports-detected = ما يحتويه الملف
imports-column = العمود
imports-field = الحقل
imports-preview = الصفوف الأولى
imports-row = الصف
imports-line = السطر
imports-value = القيمة
imports-why = السبب
imports-problems = { $count ->
    [zero] لا توجد مشكلات في الملف
    [one] مشكلة واحدة في الملف
    [two] مشكلتان في الملف
    [few] { $count } مشكلات في الملف
    [many] { $count } مشكلة في الملف
   *[other] { $count } مشكلة في الملف
}
imports-nothing-stored = لم يُستورد شيء. صحّح الملف وافحصه مرة أخرى.
imports-would = ما سيفعله الاستيراد
imports-rows = الصفوف
imports-new = سجلات جديدة
imports-updated = سجلات محدّثة
imports-unchanged = دون تغيير
imports-commit = استورد هذه القائمة
imports-cancel = اختر ملفًا آخر
imports-done = تم الاستيراد
imports-done-note = استُوردت القائمة؛ والاستيراد مسجَّل في السجل مع بصمة SHA-256 للملف.
imports-matches = تطابقات جديدة للمراجعة
imports-to-matches = راجع التطابقات
imports-another = استورد قائمة أخرى
imports-error-form = تعذّرت قراءة النموذج؛ اختر الملف مرة أخرى.
imports-error-party = اختر أحد الأطراف المعروضة.
imports-error-file = اختر ملفًا: الملف المرسل كان فارغًا.
imports-error-unreadable = هذا الملف ليس قائمة: احفظه بصيغة CSV أو XLSX وحاول مرة أخرى.
imports-error-expired = لم يعد الملف المفحوص محفوظًا (يُحفظ 15 دقيقة)؛ افحصه مرة أخرى.

# casework
case-parties = الأطراف المعنية
case-needs = قبل الخطوة التالية
need-identity = وثيقة هوية أو دليل على الهوية
need-family = فرد من الأسرة أو وصي مسجّل
need-consent = موافقة أحد الوالدين أو الوصي
need-best-interests = تقييم للمصالح الفضلى يؤيد العودة
need-child-views = آراء الطفل نفسه
need-approval-a = موافقة الطرف الأول
need-approval-b = موافقة الطرف الثاني
need-record = سجّله أدناه
case-actions-waiting = تظهر الخطوة التالية بعد تسجيل كل ما سبق.
case-resolution = نتيجة النزاع (مطلوبة)
action-resolve = تسوية النزاع
decision-title = قرار طرفكم
decision-legend = القرار
decision-approve = موافقة
decision-object = اعتراض
decision-dispute = في حال الاعتراض، موضوع النزاع
dispute-identity = الهوية
dispute-family_link = صلة القرابة
dispute-consent = الموافقة
dispute-other = أخرى
decision-note = السبب (مطلوب عند الاعتراض)
decision-submit = تسجيل القرار
decisions-title = قرارات الأطراف
decisions-none = لم يتخذ أي طرف قراراً بعد.
col-decision = القرار
col-by = سجّله
evidence-title = الأدلة
evidence-none = لم تُسجَّل أي أدلة في هذه الحالة.
evidence-method = طريقة التحقق
evidence-kind-identity = الهوية
evidence-kind-family = صلة القرابة
evidence-kind-reunion = لمّ الشمل
evidence-kind-other = أخرى
method-document_seen = تم الاطلاع على وثيقة
method-video_call = مكالمة فيديو مع الأسرة
method-photographs = صور فوتوغرافية
method-biometric_report = تقرير بيومتري
method-dna_report = تقرير الحمض النووي
method-interview = مقابلة
assessments-title = المصالح الفضلى وآراء الطفل
assessments-none = لم يُسجَّل أي تقييم ولا آراء للطفل.
assessment-outcome = النتيجة
assessment-best_interests = تقييم المصالح الفضلى
assessment-child_views = آراء الطفل
outcome-return = العودة في مصلحة الطفل الفضلى
outcome-no_return = العودة ليست في مصلحة الطفل الفضلى
outcome-undetermined = لم يُحدَّد بعد
heard-in_person = استُمع إليه شخصياً
heard-video_call = استُمع إليه عبر مكالمة فيديو
heard-in_writing = كتابةً
heard-through_representative = عبر ممثل
heard-not_obtainable = تعذّر الحصول عليها
views-age-at = العمر: { $age }
record-title = تسجيل في هذه الحالة
evidence-add = إضافة دليل
evidence-description = ما تم الاطلاع عليه أو استلامه
evidence-submit = إضافة الدليل
consent-title = الموافقة
consent-nobody = لا يوجد بعد أي فرد من الأسرة في سجل الطفل: أضفه في قسم الأسرة.
consent-member = مقدّمة من
consent-note = ما تم الاتفاق عليه، بكلمات الشخص
consent-submit = تسجيل الموافقة
consents-title = الموافقات
consents-none = لم تُسجَّل أي موافقة بعد.
consent-hint = يوافق الوالدان والأوصياء بحكم الولاية؛ ولا يوافق غيرهم إلا بأمر من المحكمة. يمكن أن يوافق عدة أشخاص؛ وتكفي موافقة واحدة سارية.
consent-basis = على أي أساس
consent-basis-parental_responsibility = الولاية الأبوية
consent-basis-court_order = أمر محكمة
consent-court-order = رقم أمر المحكمة (لأمر المحكمة)
consent-court-order-only = بأمر محكمة فقط
consent-how = كيف تم الحصول عليها
consent-how-in_person = شخصيًا
consent-how-video_call = مكالمة فيديو
consent-how-in_writing = كتابيًا
consent-how-through_detaining_authority = عبر الجهة المحتجِزة
consent-witness = الشاهد
consent-withdrawn = سُحبت
form-need-court-order = تحتاج الموافقة بأمر محكمة إلى رقم الأمر.
form-need-witness = تحتاج الموافقة عبر الجهة المحتجِزة إلى شاهد.
bi-title = تقييم المصالح الفضلى
bi-reasons = الأسباب
bi-submit = تسجيل التقييم
views-title = آراء الطفل نفسه
views-how = كيف استُمع إلى الطفل
views-age = عمر الطفل عند الاستماع إليه
views-text = بكلمات الطفل نفسه
views-hint = يجب الاستماع إلى الطفل البالغ 16 عاماً أو أكثر.
views-hint-coordinator = إذا تعذّر الحصول على الآراء فاذكر السبب؛ يجب الاستماع إلى الطفل البالغ 16 عاماً أو أكثر.
views-submit = تسجيل آراء الطفل
open-case-title = فتح حالة
open-case-hint = تخص الحالة الطرف الذي أبلغ عن الطفل والطرف الذي يحتجزه، وهما من جانبين متقابلين.
open-case-reporting = الطرف الذي أبلغ عن الطفل
open-case-holding = الطرف الذي يوجد الطفل لديه
open-case-submit = فتح الحالة
saved-case = تم فتح الحالة.
saved-evidence = تم تسجيل الدليل.
saved-consent = تم تسجيل الموافقة.
saved-best-interests = تم تسجيل تقييم المصالح الفضلى.
saved-child-views = تم تسجيل آراء الطفل.
saved-decision = تم تسجيل قرار طرفكم.
form-bad-kind = اختر أحد أنواع الأدلة المعروضة.
form-bad-method = اختر إحدى طرق التحقق المعروضة.
form-need-description = صِف الدليل (حتى 2000 حرف).
form-need-member = اختر من قدّم الموافقة.
form-need-consent-note = اذكر ما تم الاتفاق عليه.
form-bad-outcome = اختر إحدى النتائج المعروضة.
form-need-reasons = اذكر أسباب التقييم.
form-bad-heard = اختر كيف استُمع إلى الطفل.
form-bad-age = اذكر عمر الطفل بعدد صحيح من السنوات.
form-need-views = اكتب آراء الطفل أو سبب تعذّر الحصول عليها.
form-need-decision = اختر الموافقة أو الاعتراض.
form-bad-dispute = اختر موضوع الاعتراض.
form-need-objection-reason = يحتاج الاعتراض إلى سبب.
nav-cases = الحالات
cases-title = لوحة الحالات
cases-by-state = الحالات حسب الحالة
cases-stalled-days = متوقفة بعد (أيام دون تغيير)
cases-only-stalled = الحالات المتوقفة فقط
cases-found = { $count ->
    [zero] لا توجد حالات
    [one] حالة واحدة
    [two] حالتان
    [few] { $count } حالات
   *[other] { $count } حالة
}
cases-none = لا توجد حالة تطابق هذه المرشحات.
cases-days-in-state = في هذه الحالة منذ
cases-last-change = آخر تغيير
cases-days = { $days ->
    [zero] أقل من يوم
    [one] يوم واحد
    [two] يومان
    [few] { $days } أيام
   *[other] { $days } يوماً
}
cases-days-ago = { $days ->
    [0] اليوم
    [one] قبل يوم واحد
    [two] قبل يومين
    [few] قبل { $days } أيام
   *[other] قبل { $days } يوماً
}
cases-stalled = متوقفة
cases-uncased = { $count ->
    [zero] لا يوجد أطفال دون حالة مفتوحة
    [one] طفل واحد دون حالة مفتوحة
    [two] طفلان دون حالة مفتوحة
    [few] { $count } أطفال دون حالة مفتوحة
   *[other] { $count } طفلاً دون حالة مفتوحة
}
cases-uncased-none = لكل طفل مسجّل حالة مفتوحة.

# record forms
record-register-link = تسجيل طفل
record-register-title = تسجيل طفل
record-register-submit = سجّل الطفل
record-edit-link = تعديل السجل
record-edit-title = تعديل سجل الطفل
record-edit-submit = احفظ السجل
record-back = صفحة الطفل
record-cancel = إلغاء
record-problems = لم يُحفظ شيء. صحّح ما هو مُعلَّم:
record-whose-list = قائمة أيّ طرف
record-party = الطرف الذي يُدرج الطفل في قائمته
record-choose = اختر…
record-own-list = سيُدرج الطفل في قائمة: { $party }.
record-list-name = اسم القائمة
record-list-name-hint = إذا تُرك فارغًا: «Registered in the web UI».
record-names = الأسماء
record-names-hint = كل طريقة كُتب بها اسم الطفل، بأي خط: كما سُجّل، كما في وثيقة، اسم سابق. الأول هو الاسم كما سُجّل. تُهمل الصفوف الفارغة.
record-name-n = الكتابة { $row }
record-given-name = الاسم الأول
record-patronymic = اسم الأب
record-family-name = اسم العائلة
record-name-lang = اللغة والخط
record-name-kind = نوع الكتابة
record-lang-uk = الأوكرانية (بالحروف السيريلية)
record-lang-ru = الروسية (بالحروف السيريلية)
record-lang-uk-Latn = الأوكرانية بالحروف اللاتينية
record-lang-ru-Latn = الروسية بالحروف اللاتينية
record-lang-en = الإنجليزية
record-lang-ar = العربية
record-sex-and-birth = الجنس والولادة
record-birth-date = تاريخ الميلاد
record-birth-date-hint = كامل أو جزئي: 2014-03-21 أو 2014-03 أو 2014 (أو 21.03.2014، 03.2014).
record-birth-age = أو العمر التقديري (بالسنوات)
record-birth-age-on = تاريخ التقدير
record-birth-age-hint = عندما لا يُعرف إلا العمر: اليوم الذي قُدّر فيه؛ اليوم الحالي إذا تُرك فارغًا.
record-place-lang = لغة اسم المكان
record-documents-hint = تُهمل الصفوف التي بلا رقم.
record-document-n = الوثيقة { $row }
record-document-kind = النوع
record-document-number = الرقم
record-document-issued-by = الدولة المُصدِرة
record-doc-birth_certificate = شهادة ميلاد
record-doc-passport = جواز سفر
record-doc-internal_passport = جواز سفر داخلي
record-doc-other = وثيقة أخرى
record-circumstances-hint = ضع علامة على كل ما ينطبق؛ الملاحظة اختيارية.
record-note = ملاحظة (اختيارية)
record-note-on = ملاحظة: { $what }
record-error-party = الطرف: اختر أحد الأطراف المعروضة.
record-error-list-name-long = اسم القائمة: { $max } حرف على الأكثر.
record-error-name-missing = الأسماء: اكتب اسمًا واحدًا على الأقل (الاسم الأول أو اسم العائلة).
record-error-name-empty = الكتابة { $row }: اكتب الاسم الأول أو اسم العائلة، لا اسم الأب وحده.
record-error-name-long = الكتابة { $row }: كل جزء من الاسم { $max } حرف على الأكثر.
record-error-name-lang = الكتابة { $row }: اختر اللغة والخط من القائمة.
record-error-name-kind = الكتابة { $row }: اختر نوع الكتابة من القائمة.
record-error-sex = الجنس: اختر أنثى أو ذكر أو غير معروف.
record-error-birth-date = تاريخ الميلاد: اكتب تاريخًا موجودًا بين 1900 و2100، بصيغة 2014-03-21 أو 2014-03 أو 2014 (أو 21.03.2014، 03.2014).
record-error-birth-both = تاريخ الميلاد: أعطِ تاريخًا أو عمرًا تقديريًا، لا كليهما.
record-error-birth-age = العمر التقديري: اكتب عددًا صحيحًا من السنوات بين 0 و25، ويومًا موجودًا للتقدير.
record-error-birth-place-long = مكان الميلاد: { $max } حرف على الأكثر.
record-error-birth-place-lang = مكان الميلاد: اختر لغة اسمه من القائمة.
record-error-document-number = الوثيقة { $row }: اكتب رقمها أو أفرغ الصف.
record-error-document-long = الوثيقة { $row }: الرقم والدولة المُصدِرة { $max } حرف على الأكثر لكلٍّ منهما.
record-error-document-kind = الوثيقة { $row }: اختر نوع الوثيقة من القائمة.
record-error-note-long = ملاحظة «{ $what }»: 10000 حرف على الأكثر.
record-error-refused = لم يقبل السجل القيد كما هو: راجع الأسماء وحاول مرة أخرى.
record-error-erased = حُذفت البيانات الشخصية لهذا الطفل: لا يقبل السجل بيانات شخصية جديدة.
record-family-add = إضافة فرد من العائلة أو وصيّ
record-family-submit = أضف إلى السجل
record-status-hint = مثلًا: محتجز منذ 2023؛ مكانه غير معروف.
record-contact = طريقة التواصل
record-contact-hint = هاتف أو عنوان أو وسيط. لا يراه الطرف الآخر.
record-custody-add = تسجيل مكان إقامة الطفل
record-custody-submit = سجّل الحضانة
record-since-hint = 2024-03-01 أو 2024-03 أو 2024.
record-address-hint = لا يرى الطرف الآخر العنوان.
record-error-relationship = صلة القرابة: اختر من القائمة.
record-error-family-name = الاسم: اكتب الاسم الأول أو اسم العائلة.
record-error-family-name-long = الاسم: كل جزء { $max } حرف على الأكثر.
record-error-family-lang = اللغة والخط: اختر من القائمة.
record-error-status-long = الوضع: { $max } حرف على الأكثر.
record-error-contact-long = طريقة التواصل: { $max } حرف على الأكثر.
record-error-custody-kind = أين: اختر أحد الخيارات المعروضة.
record-error-custody-since = منذ: اكتب تاريخًا موجودًا بين 1900 و2100، بصيغة 2024-03-01 أو 2024-03 أو 2024 (أو 01.03.2024، 03.2024).
record-error-custody-place = المكان: اكتب اسم المكان.
record-error-custody-place-long = المكان: { $max } حرف على الأكثر.
record-error-custody-address-long = العنوان: { $max } حرف على الأكثر.

# the domain's rules, as refusals name them
rule-role-not-allowed = لا يجوز لـ{ $role } تنفيذ الخطوة «{ $action }»
rule-not-escort-of-trip = لا ينفّذ الخطوة «{ $action }» إلا مرافقو رحلة هذه الحالة
rule-party-not-concerned = لا يتصرف الطرف إلا في الحالات المقدَّمة إليه
rule-wrong-state = لا تقبل حالةٌ وضعها «{ $state }» الخطوة «{ $action }»
rule-reason-required = تحتاج الخطوة «{ $action }» إلى سبب
rule-no-identity = يحتاج التحقق من الهوية إلى وثيقة هوية أو دليل على الهوية في الحالة
rule-no-family = يحتاج تحديد مكان الأسرة إلى فرد من الأسرة أو وصي مسجّل
rule-no-consent = لم تُسجَّل موافقة أحد الوالدين أو الوصي
rule-consent-by-stranger = قدّم الموافقة شخص غير مسجّل في أسرة الطفل
rule-consent-by-non-guardian = قدّم الموافقة قريب لا يحق له ذلك (يجب أن يكون أحد الوالدين أو الأجداد أو الوصي القانوني)
rule-same-parties = يجب أن تخص الحالة طرفين مختلفين قبل تقديمها
rule-no-best-interests = يجب تسجيل تقييم المصالح الفضلى قبل تقديم الحالة
rule-best-interests-against = لا يرى آخر تقييم أن العودة في مصلحة الطفل الفضلى
rule-no-child-views = يجب تسجيل آراء الطفل نفسه قبل تقديم الحالة
rule-party-objected = اعترض الطرف { $party } على هذه الحالة
rule-party-not-approved = لم يوافق الطرف { $party } على هذه الحالة بعد
rule-nothing-to-resume = لا توجد حالة سابقة تُستأنف إليها الحالة
rule-decision-needs-submitted = يقرر الطرف بشأن الحالة بعد تقديمها؛ وضع هذه الحالة «{ $state }»
rule-booking-needs-approved = تُحجز الحالة على رحلة بعد موافقة الطرفين؛ وضع هذه الحالة «{ $state }»
rule-handover-needs-transit = يُسجَّل التسليم أثناء نقل الطفل؛ وضع هذه الحالة «{ $state }»
rule-follow-up-needs-reunion = تُسجَّل المتابعة بعد لمّ الشمل؛ وضع هذه الحالة «{ $state }»
rule-views-too-old = تُسجَّل آراء الطفل حتى سن 17
rule-views-no-words = اكتب آراء الطفل بكلماته
rule-views-no-reason = اذكر سبب تعذّر الحصول على آراء الطفل
rule-views-only-coordinator = لا يسجّل تعذّر الحصول على آراء الطفل إلا المنسّق
rule-views-must-be-heard = يجب الاستماع إلى الطفل البالغ 16 عاماً أو أكثر؛ لا يجوز تسجيل آرائه على أنها متعذّرة
saved-consent-withdrawal = تم تسجيل سحب الموافقة؛ الحالة معلّقة.
withdrawal-title = سحب الموافقة
withdrawal-hint = تُعلَّق الحالة؛ ولا تتجاوز مرحلة الموافقة إلا ما دامت موافقة أخرى سارية أو بعد موافقة جديدة.
withdrawal-reason = السبب كما ذكره الشخص
withdrawal-submit = تسجيل السحب
form-need-withdrawal-reason = يحتاج سحب الموافقة إلى سبب.
users-done-role = تم تغيير الدور؛ ويسري من الصفحة التالية للمستخدم.
users-error-role-change = هذا الدور لا يناسب منظمة المستخدم، أو أن هذا حسابك أنت.
users-error-same-role = لدى المستخدم هذا الدور بالفعل.
users-role-for = دور جديد لـ{ $login }
users-change-role = تغيير الدور
case-add-party = إضافة جهة من أحد الجانبين
case-add-party-submit = إضافة إلى الحالة
saved-party = أصبحت الجهة معنية بالحالة وتقرر بشأنها بنفسها.
form-need-party = اختر الجهة المراد إضافتها.
need-trip = محجوزة على رحلة بمراحلها ومرافق
need-handover = تسجيل التسليم في الرحلة
group-siblings = تُقدَّم ويُوافق عليها مع الإخوة
group-travel_together = تُقدَّم ويُوافق عليها مع أطفال يسافرون معاً
group-member = الحالة
group-hint = تُقدَّم حالات المجموعة معاً ويُوافق عليها عند الموافقة على آخرها.
group-title = التجميع مع الإخوة
group-form-hint = أطفال مسجّلون باسم العائلة نفسه لم تُقدَّم حالاتهم بعد.
group-with = تجميع مع
group-kind = سبب انتقالهم معاً
group-submit = تجميع الحالات
saved-group = تم تجميع الحالات: تُقدَّم ويُوافق عليها معاً.
form-bad-group-kind = اختر سبب انتقال الأطفال معاً.
form-need-group = حدّد حالة طفل آخر على الأقل.
need-group = حالات المجموعة الأخرى جاهزة أيضاً
rule-group-not-ready = تُقدَّم حالات المجموعة معاً، وحالة أخرى من هذه المجموعة غير جاهزة
tracing-outcome-found = مغلق: تم العثور عليه
tracing-outcome-not_found = مغلق: لم يُعثر عليه
tracing-outcome-withdrawn = مغلق: سحبته الأسرة
tracing-close-outcome = كيف انتهى الطلب
tracing-close = إغلاق الطلب
tracing-closed = تم إغلاق طلب البحث.

# Transit: the rules a trip keeps
action-cancel_transit = إلغاء الحجز على الرحلة
action-reopen = إعادة فتح الحالة
custody-escort = مع المرافقين
custody-transit_state = لدى مسؤولي دولة العبور
rule-trip-step = تُتَّخذ هذه الخطوة في الرحلة: الحجز يخطط للنقل، ومغادرة المرحلة الأولى تبدؤه، والتسليم في نهاية المرحلة الأخيرة ينهيه
rule-no-final-handover = يتطلب لمّ الشمل تسليم الطفل في نهاية الرحلة إلى أحد أفراد الأسرة أو الوصي
rule-follow-ups-incomplete = جدول زيارات المتابعة لم يكتمل؛ يمكن للمنسق إغلاق الحالة مع ذكر السبب
trip-rule-no-name = تحتاج الرحلة إلى اسم
trip-rule-no-legs = تحتاج الرحلة إلى مرحلة واحدة على الأقل
trip-rule-leg-places = تحتاج المرحلة { $leg } إلى مكان مغادرة ومكان وصول
trip-rule-leg-times = يجب أن تصل المرحلة { $leg } بعد مغادرتها
trip-rule-leg-order = تغادر المرحلة { $leg } قبل وصول المرحلة التي تسبقها
trip-rule-not-transit-state = تذكر المرحلة { $leg } جهة ليست دولة عبور
trip-rule-not-escort = يجب أن يكون كل مرافق مستخدمًا بدور المرافق
trip-rule-legs-changed = تحتفظ الرحلة المعاد جدولتها بمراحلها ودول عبورها؛ ألغِها وخطط لرحلة أخرى
trip-rule-cancelled = أُلغيت الرحلة
trip-rule-departed = انطلقت الرحلة؛ لم تعد خطتها وحجوزاتها ومرافقوها قابلة للتغيير
trip-rule-leg-departed = غادرت المرحلة { $leg }؛ لم تعد قابلة للتغيير
trip-rule-already-booked = الحالة محجوزة على رحلة بالفعل
trip-rule-over-capacity = في الرحلة { $free } من الأماكن الشاغرة ويحتاج الحجز إلى { $needed }
trip-rule-escort-ratio = تحتاج المرحلة { $leg } إلى { $needed } من المرافقين للأطفال المحجوزين (نسبة المرافقة)، ولديها { $escorts }
trip-rule-group-split = تسافر حالات المجموعة معًا: يجب أن تكون كل حالة في المجموعة معتمدة وقابلة للحجز
trip-rule-not-leg-transit-state = لا يسجل إذن المرحلة { $leg } إلا مسؤول من دولة العبور الخاصة بها
trip-rule-no-transit-state = لا تمر المرحلة { $leg } عبر دولة عبور؛ لا تحتاج إلى إذن
trip-rule-no-clearance = لم تحصل المرحلة { $leg } بعد على إذن من دولة العبور
trip-rule-clearance-refused = رفضت دولة العبور الإذن للمرحلة { $leg }
trip-rule-before-not-arrived = لا تغادر المرحلة { $leg } إلا بعد وصول المرحلة { $before }
trip-rule-not-departed = لم تغادر المرحلة { $leg } بعد
trip-rule-already-departed = غادرت المرحلة { $leg } بالفعل
trip-rule-handover-missing = لم يُسجَّل بعد تسليم أحد الأطفال في نهاية المرحلة { $leg }
trip-rule-no-reference = يذكر الإذن الرقم المرجعي لدولة العبور
trip-rule-no-cancel-reason = يحتاج إلغاء الرحلة إلى سبب
trip-rule-escorts-per-leg = يُسمّى المرافقون لكل مرحلة من مراحل الرحلة
trip-rule-already-arrived = وصلت المرحلة { $leg } بالفعل
trip-rule-nobody-booked = لا يوجد أي طفل محجوز على الرحلة
trip-rule-case-not-ready = حالة محجوزة على الرحلة في وضع «{ $state }»؛ استأنفها أو ألغِ حجزها أولًا
trip-rule-not-on-trip = الطفل غير محجوز على هذه الرحلة
trip-rule-handover-skipped = يجب تسجيل التسليم في المرحلة { $expected } قبل التسليم في المرحلة { $leg }
trip-rule-handover-twice = سُجّل تسليم الطفل في المرحلة { $leg } بالفعل
trip-rule-receiver-not-official = قبل المرحلة الأخيرة يُسلَّم الطفل إلى مسؤول من دولة العبور الخاصة بالمرحلة
trip-rule-receiver-not-family = في نهاية الرحلة يُسلَّم الطفل إلى أحد أفراد الأسرة أو الوصي
trip-rule-receiver-not-consenting = لا يُسلَّم الطفل إلا إلى فرد من الأسرة له السلطة الأبوية ومسجلة موافقته
trip-rule-handover-details = يذكر التسليم المسؤول الذي استلم الطفل والمكان

# Trips in the browser and their printed documents
nav-trips = الرحلات
trips-title = الرحلات
trips-none = لا توجد رحلات ضمن نطاق اطلاعك.
trip-name = الرحلة
trip-status = الحالة
trip-route = المسار
trip-departs = المغادرة
trip-arrives = الوصول
trip-places = الأطفال المحجوزون / الأماكن
trip-kind = النوع
trip-kind-charter_flight = رحلة طيران مستأجرة
trip-kind-scheduled_flight = رحلة طيران منتظمة
trip-kind-road_convoy = قافلة برية
trip-status-planned = مخطط لها
trip-status-underway = قيد التنفيذ
trip-status-completed = مكتملة
trip-status-cancelled = ملغاة
trip-plan = التخطيط لرحلة
trip-plan-hint = تمتد المراحل من مكان وجود الأطفال (مثل السفارة) عبر دول العبور إلى الوجهة. الأوقات بالتوقيت العالمي المنسق.
trip-carrier = الناقل
trip-capacity = أماكن للأطفال
trip-leg-n = المرحلة { $leg }
trip-leg-optional = (اختياري)
trip-leg-own-escorts = مرافقون آخرون لهذه المرحلة
trip-add-leg = إضافة مرحلة
trip-from = من
trip-to = إلى
trip-transit-state = دولة العبور
trip-no-transit = لا يوجد
trip-leg-carrier = الرحلة أو القافلة
trip-departs-utc = المغادرة (UTC)
trip-arrives-utc = الوصول (UTC)
trip-escorts = المرافقون
trip-escorts-hint = مرافقو جميع المراحل، ما لم تحدد المرحلة مرافقيها.
trip-no-escorts = لا يوجد مستخدم بدور المرافق بعد.
trip-plan-submit = خطط للرحلة
trip-legs = المراحل
trip-clearance = الإذن
trip-clearance-granted = ممنوح
trip-clearance-refused = مرفوض
trip-clearance-pending = بانتظار الرد
trip-clearance-none = غير مطلوب
trip-reference = الرقم المرجعي
trip-departed = غادرت
trip-arrived = وصلت
trip-print-manifest = طباعة البيان
trip-print-receipts = طباعة إيصالات التسليم
trip-clearance-title = إذن دولتك لهذه المرحلة
trip-clearance-answer = الرد
trip-clearance-grant = منح
trip-clearance-refuse = رفض
trip-conditions = الشروط
trip-clearance-submit = تسجيل الإذن
trip-time-utc = الوقت (UTC)
trip-depart = تسجيل المغادرة
trip-arrive = تسجيل الوصول
trip-escorts-change = مرافقو هذه المرحلة
trip-escorts-submit = حفظ المرافقين
trip-children = الأطفال في الرحلة
trip-children-none = لم يُحجز أي طفل على هذه الرحلة بعد.
trip-handover-at-leg = التسليم في نهاية المرحلة { $leg }
trip-handover-title = تسجيل التسليم في نهاية المرحلة { $leg }
trip-handover-no-guardian = لا توجد موافقة مسجلة من أحد الوالدين أو الوصي: لا يمكن تسليم الطفل.
trip-handover-to-guardian = يُسلَّم إلى
trip-handover-org = الجهة المستلمة
trip-handover-official = اسم المسؤول المستلم
trip-handover-submit = تسجيل التسليم
trip-book = حجز حالة معتمدة
trip-book-hint = تُحجز الحالة التي ضمن مجموعة مع المجموعة كلها، أو لا تُحجز إطلاقًا.
trip-book-none = لا توجد حالة معتمدة تنتظر رحلة.
trip-book-case = الحالة
trip-book-submit = احجز على هذه الرحلة
trip-reschedule = إعادة الجدولة
trip-reschedule-submit = حفظ الأوقات الجديدة
trip-cancel = إلغاء الرحلة
trip-cancel-hint = يعود الأطفال المحجوزون إلى حالة «معتمدة» ويمكن حجزهم على رحلة أخرى.
trip-cancel-submit = إلغاء الرحلة
trip-in-group = مع مجموعتها
trip-refused = لم يُسجَّل: { $reason }.
trip-saved-planned = تم التخطيط للرحلة.
trip-saved-booked = تم الحجز على الرحلة.
trip-saved-escorts = تم حفظ المرافقين.
trip-saved-clearance = تم تسجيل الإذن.
trip-saved-departure = تم تسجيل المغادرة.
trip-saved-arrival = تم تسجيل الوصول.
trip-saved-handover = تم تسجيل التسليم.
trip-saved-rescheduled = تم حفظ الأوقات الجديدة.
trip-saved-cancelled = أُلغيت الرحلة.
trip-form-name = أعطِ الرحلة اسمًا.
trip-form-kind = اختر نوع الرحلة.
trip-form-capacity = أماكن للأطفال: عدد من 1 إلى 10000.
trip-form-times = حدد لكل مرحلة وقت المغادرة والوصول.
trip-form-places = حدد لكل مرحلة مكان المغادرة ومكان الوصول.
trip-form-legs = تحتاج الرحلة إلى مرحلة واحدة على الأقل.
trip-form-case = اختر الحالة المراد حجزها.
trip-form-reason = اذكر السبب.
trip-form-granted = اختر ما إذا كان الإذن ممنوحًا أم مرفوضًا.
trip-form-reference = أدخل الرقم المرجعي.
trip-form-receiver = حدد من استلم الطفل.
trip-form-place = حدد مكان تسليم الطفل.
doc-manifest = بيان الركاب
doc-receipt = إيصال التسليم
doc-trip = الرحلة
doc-leg = المرحلة
doc-from = من
doc-to = إلى
doc-transit-state = دولة العبور
doc-carrier = الرحلة أو القافلة
doc-departs = المغادرة
doc-arrives = الوصول
doc-escorts = المرافقون
doc-child = الطفل
doc-name-latin = الاسم بالحروف اللاتينية
doc-name-original = الاسم كما سُجّل
doc-birth-date = تاريخ الميلاد
doc-sex = الجنس
doc-documents = الوثائق
doc-goes-to = يُسلَّم إلى
doc-medical-needs = الاحتياجات الطبية
doc-handed-over-by = سلّمه
doc-received-by = استلمه
doc-place = المكان
doc-time = الوقت
doc-signature = التوقيع
doc-generated = طُبع في
doc-confidential = سري: بيانات شخصية لأطفال. لا تنسخه ولا تتركه دون رقابة.
doc-erased = (حُذفت البيانات الشخصية)
doc-unknown = غير معروف
need-final-handover = التسليم في نهاية الرحلة إلى أحد الوالدين أو الوصي
need-follow-up-schedule = جميع زيارات المتابعة في الجدول
follow-up-title = زيارة متابعة
follow-up-hint = تتبع الزيارات الجدول بعد لمّ الشمل؛ تُغلق الحالة عند تسجيلها جميعًا، أو يذكر المنسق سبب عدم ذلك.
follow-up-note = ما تبيّن في الزيارة
follow-up-submit = تسجيل الزيارة
follow-ups-title = جدول زيارات المتابعة
follow-ups-visit = الزيارة
follow-ups-when = الموعد
follow-ups-month = { $months ->
    [one] بعد شهر واحد من لمّ الشمل
    [two] بعد شهرين من لمّ الشمل
    [few] بعد { $months } أشهر من لمّ الشمل
    [many] بعد { $months } شهرًا من لمّ الشمل
   *[other] بعد { $months } شهر من لمّ الشمل
}
follow-ups-extra = خارج الجدول
follow-ups-recorded = سُجّلت
follow-ups-overdue = متأخرة
follow-ups-pending = لم تُسجّل بعد
saved-follow-up = تم تسجيل زيارة المتابعة.
form-need-follow-up = اذكر ما تبيّن في الزيارة.

# Every other refusal of the domain (homeward_domain::Rule and Record), as the web UI says it
error-refused = رُفض هذا؛ لم يتغير شيء.
refusal-not-found-case = لا توجد حالة كهذه، أو أنها خارج صلاحياتك
refusal-not-found-child = لا يوجد سجل طفل كهذا، أو أنه خارج صلاحياتك
refusal-not-found-family-member = لا يوجد فرد أسرة كهذا في السجل
refusal-not-found-leg = لا توجد في الرحلة مرحلة كهذه
refusal-not-found-match = لا يوجد تطابق كهذا في قائمة المراجعة
refusal-not-found-organisation = لا توجد منظمة كهذه
refusal-not-found-tracing-request = لا يوجد طلب بحث كهذا، أو أنه خارج صلاحياتك
refusal-not-found-trip = لا توجد رحلة كهذه
refusal-not-found-user = لا يوجد مستخدم كهذا
refusal-only-admin-registers-organisations = لا يسجّل المنظمات إلا مدير النظام
refusal-only-admin-adds-users = لا يضيف المستخدمين إلا مدير النظام
refusal-only-user-or-admin-sets-password = لا يعيّن كلمة المرور إلا المستخدم نفسه أو مدير النظام
refusal-only-admin-changes-roles = لا يغيّر أدوار المستخدمين إلا مدير النظام
refusal-only-admin-disables-users = لا يعطّل المستخدمين أو يفعّلهم إلا مدير النظام
refusal-own-language-only = يختار كل مستخدم لغته لنفسه فقط
refusal-register-children-own-lists = يسجّل الأطفالَ موظفو الوسيط، أو الطرفُ لقوائمه الخاصة
refusal-amend-child-own-records = لا يعدّل سجل الطفل إلا موظفو الوسيط أو الطرف الذي قدّمه
refusal-record-custody-own-records = لا يسجّل الحضانة إلا موظفو الوسيط أو الطرف الذي قدّم السجل
refusal-embassy-custody-by-mediator = لا يسجّل الحضانة في سفارة الوسيط إلا الوسيط
refusal-add-family-own-records = لا يضيف أفراد الأسرة إلا موظفو الوسيط أو الطرف الذي قدّم السجل
refusal-file-tracing-own-families = يقدّم طلباتِ البحث موظفو الوسيط، أو الطرفُ لأسره الخاصة
refusal-only-staff-links-requests = لا يربط طلبات البحث بالأطفال إلا موظفو الوسيط
refusal-close-request-own-or-staff = لا يغلق طلب البحث إلا ممثلو الطرف الذي قدّمه أو موظفو الوسيط
refusal-only-coordinator-opens-cases = لا يفتح الحالات إلا المنسّق
refusal-only-staff-adds-evidence = لا يضيف الأدلة إلى الحالة إلا موظفو الوسيط
refusal-only-staff-records-consent = لا يسجّل الموافقة إلا موظفو الوسيط
refusal-only-staff-withdraws-consent = لا يسجّل سحب الموافقة إلا موظفو الوسيط
refusal-only-staff-assesses-best-interests = لا يقيّم مصالح الطفل الفضلى إلا موظفو الوسيط
refusal-only-staff-records-views = لا يسجّل آراء الطفل إلا موظفو الوسيط
refusal-only-party-officer-decides = لا يسجّل قرار الطرف إلا ممثل طرف معني بالحالة
refusal-only-coordinator-groups-cases = لا يجمع الحالات في مجموعة إلا المنسّق
refusal-only-coordinator-adds-party = لا يضيف منظمة إلى الحالة إلا المنسّق
refusal-only-staff-records-follow-ups = لا يسجّل زيارات المتابعة إلا موظفو الوسيط
refusal-only-admin-registers-witness-keys = لا يسجّل مفاتيح الشهود إلا مدير النظام
refusal-only-staff-proposes-matches = لا يقترح التطابقات إلا موظفو الوسيط
refusal-only-staff-decides-matches = لا يقرّر في التطابقات إلا موظفو الوسيط
refusal-only-staff-undoes-matches = لا يتراجع عن قرارات التطابقات إلا موظفو الوسيط
refusal-only-coordinator-erases = لا يمحو البيانات الشخصية إلا المنسّق
refusal-import-own-lists = يستورد قوائمَ الطرف موظفو الوسيط أو ممثلو ذلك الطرف
refusal-only-coordinator-plans-trips = لا يخطط الرحلات إلا المنسّق
refusal-only-coordinator-reschedules-trips = لا يعيد جدولة الرحلات إلا المنسّق
refusal-only-coordinator-assigns-escorts = لا يعيّن المرافقين إلا المنسّق
refusal-only-coordinator-cancels-trips = لا يلغي الرحلات إلا المنسّق
refusal-only-coordinator-books = لا يحجز للأطفال على الرحلات إلا المنسّق
refusal-only-leg-escorts-depart = لا يسجّل المغادرة إلا مرافقو المرحلة أو المنسّق
refusal-only-leg-escorts-arrive = لا يسجّل الوصول إلا مرافقو المرحلة أو المنسّق
refusal-only-leg-escorts-hand-over = لا يسجّل التسليم إلا مرافقو المرحلة أو المنسّق
refusal-no-witness-key = ليس لمنظمتك مفتاح شاهد مسجّل؛ اطلب من مدير نظام الوسيط تسجيله
refusal-child-needs-name = يحتاج الطفل إلى اسم واحد على الأقل
refusal-child-name-empty = يحتاج اسم الطفل إلى اسم شخصي أو اسم عائلة
refusal-organisation-needs-name = تحتاج المنظمة إلى اسم
refusal-side-only-for-party = لا يُحدَّد الجانب في النزاع (A أو B) إلا للمنظمة الطرف
refusal-role-not-in-org-kind = الدور «{ $role }» غير متاح في منظمة من نوع «{ $kind }»
refusal-login-shape = اسم الدخول من 2 إلى 64 حرفًا: حروف وأرقام و«.» و«-» و«_»
refusal-own-role-unchangeable = لا يستطيع مدير النظام تغيير دوره بنفسه؛ يمكن لمدير آخر ذلك
refusal-role-not-for-users-organisation = الدور «{ $role }» لا يناسب منظمة المستخدم
refusal-not-a-language = «{ $lang }» ليست من لغات الواجهة؛ المتاح: { $expected }
refusal-self-disable = لا يستطيع مدير النظام تعطيل نفسه؛ يمكن لمدير آخر ذلك
refusal-transit-state-no-lists = دولة العبور لا تقدّم قوائم أطفال
refusal-custody-on-the-way = تُسجَّل الحضانة في طريق العودة بمغادرات الرحلة وعمليات التسليم فيها
refusal-custody-start = تاريخ بدء الحضانة ليس تاريخًا: اكتب YYYY-MM-DD أو YYYY-MM أو YYYY أو DD.MM.YYYY أو MM.YYYY
refusal-family-member-needs-name = يحتاج فرد الأسرة إلى اسم
refusal-request-needs-asker = يحتاج طلب البحث إلى اسم مقدّم الطلب
refusal-case-needs-parties = يجب أن تكون المنظمتان المعنيتان بالحالة طرفين في النزاع
refusal-case-same-party = تخص الحالة طرفين مختلفين
refusal-case-same-side = يجب أن يكون طرفا الحالة على جانبين متقابلين من النزاع
refusal-evidence-needs-description = يحتاج الدليل إلى وصف
refusal-member-not-on-record = فرد الأسرة هذا غير مسجّل في سجل هذا الطفل
refusal-no-parental-responsibility = ليست لفرد الأسرة هذا ولاية أبوية: لا يمنحه حق القرار إلا أمر محكمة
refusal-court-order-needs-reference = تحتاج الموافقة بأمر محكمة إلى رقم الأمر
refusal-detained-consent-needs-witness = تحتاج الموافقة المقدَّمة عبر الجهة المحتجِزة إلى شاهد
refusal-found-needs-link = لا يُغلق الطلب على أنه «عُثر عليه» إلا بعد ربطه بسجل الطفل
refusal-group-needs-two = تحتاج المجموعة إلى حالتين مختلفتين على الأقل
refusal-added-organisation-needs-side = لا تُضاف إلى الحالة إلا منظمة من أحد جانبي النزاع
refusal-no-consent-in-force = لا تُسحب إلا موافقة سارية، ولا يسحبها إلا من قدّمها
refusal-withdrawal-needs-reason = يحتاج سحب الموافقة إلى سبب
refusal-best-interests-need-reasons = يحتاج تقييم المصالح الفضلى إلى أسبابه
refusal-approval-has-no-dispute = الموافقة لا يكون لها نوع نزاع
refusal-objection-needs-reason = يحتاج الاعتراض إلى سببه
refusal-follow-up-needs-note = تحتاج زيارة المتابعة إلى ملاحظة
refusal-reason-too-long = لا يتجاوز السبب { $max } حرف
refusal-witness-only-party = لا يشغّل شاهدًا يصادق على نقاط التحقق إلا منظمة طرف
refusal-witness-key-unreadable = هذا ليس مفتاح شاهد: الصق السطر الذي طبعه الأمر homeward ledger keygen
refusal-witness-key-type = يجب أن يكون مفتاح الشاهد من نوع cosignature/v1 (النوع 0x04)، كما يطبعه الأمر homeward ledger keygen
refusal-list-for-party-only = تُستورد القوائم لطرف؛ وهذه المنظمة ليست طرفًا
refusal-list-needs-name = يحتاج اسم القائمة إلى 1 حتى { $max } حرف
refusal-list-digest = يجب أن يكون SHA-256 للملف 64 رقمًا ست عشريًا بأحرف صغيرة
refusal-row = الصف { $row } من القائمة: { $why }
refusal-row-id-length = المعرّف من 1 إلى { $max } حرف
refusal-row-id-repeated = صف آخر في القائمة له المعرّف نفسه
refusal-trip-capacity = يجب ألا تقل سعة الرحلة عن 1
refusal-leg-ids-repeated = لكل مرحلة معرّفها الخاص
refusal-escort-named-twice = يُذكر كل مرافق مرة واحدة
refusal-proposals-not-loaded = لم يحمّل المخزن سجلات كل الاقتراحات
refusal-match-same-record = يحتاج التطابق إلى سجلين مختلفين
refusal-match-score-range = لا تتجاوز درجة التطابق مليون جزء من المليون
refusal-proof-backwards = يمتد إثبات الاتساق من حجم أصغر إلى حجم أكبر، لا من { $from } إلى { $to }
refusal-entry-not-in-tree = القيد { $seq } ليس في شجرة من { $size } قيود (تُعدّ القيود من 1)
refusal-no-tree-of-size = عدد القيود في السجل: { $size }؛ لا توجد شجرة بحجم { $to }
refusal-checkpoint-unreadable = تعذّرت قراءة نقطة التحقق المرفوعة: { $detail }
refusal-checkpoint-size = نقطة التحقق المرفوعة بحجم { $size }، وعدد القيود في السجل: { $held }
refusal-checkpoint-not-ours = نقطة التحقق المرفوعة بحجم { $size } غير موقّعة بمفتاح هذا السجل
refusal-checkpoint-root = نقطة التحقق المرفوعة بحجم { $size } لا تحمل جذر هذا السجل عند ذلك الحجم
refusal-ledger = لم ينجح تحقق السجل: { $detail }
refusal-erased = مُحيت البيانات الشخصية للطفل؛ لا يقبل السجل الممحو بيانات شخصية جديدة
refusal-case-closed = الحالة في وضع «{ $state }» ولم تعد تتغير
refusal-organisation-name-taken = توجد بالفعل منظمة باسم «{ $name }»
refusal-login-taken = اسم الدخول «{ $login }» مستخدم
refusal-already-has-role = للمستخدم هذا الدور بالفعل
refusal-user-already-disabled = المستخدم معطّل بالفعل
refusal-user-not-disabled = المستخدم غير معطّل
refusal-child-already-registered = الطفل مسجّل بالفعل
refusal-request-closed-not-linked = طلب البحث مغلق؛ والطلب المغلق لا يُربط
refusal-child-has-open-case = للطفل حالة مفتوحة بالفعل
refusal-consent-on-record = موافقة فرد الأسرة هذا مسجّلة بالفعل
refusal-request-already-closed = طلب البحث مغلق بالفعل
refusal-case-in-another-group = إحدى حالات المجموعة تنتمي بالفعل إلى مجموعة أخرى
refusal-group-before-submission = تُجمع الحالات في مجموعة قبل تقديمها
refusal-already-concerned = المنظمة معنية بهذه الحالة بالفعل
refusal-add-party-before-approval = تُضاف المنظمات إلى الحالة قبل الموافقة عليها
refusal-witness-key-name-taken = لدى منظمة أخرى بالفعل مفتاح شاهد باسم «{ $name }»
refusal-child-already-erased = البيانات الشخصية لهذا الطفل ممحوة بالفعل
refusal-request-already-erased = البيانات الشخصية لطلب البحث هذا ممحوة بالفعل
refusal-import-recorded = هذا الاستيراد مسجّل بالفعل
refusal-trip-exists = الرحلة موجودة بالفعل
refusal-match-decided =
    { $status ->
        [confirmed] هذا التطابق مؤكَّد
        [rejected] هذا التطابق مرفوض
       *[other] هذا التطابق مُعلَّم بعدم التأكد
    }؛ تراجع عن ذلك القرار قبل اتخاذ قرار آخر
refusal-match-record-gone = أحد سجلَّي هذا التطابق لم يعد موجودًا
refusal-match-record-erased = أحد سجلَّي هذا التطابق ممحو؛ والسجل الممحو لا يُضم إلى شيء
refusal-match-record-joined = أحد سجلَّي هذا التطابق جزء بالفعل من طفل آخر؛ قرّر في سجل ذلك الطفل
refusal-request-already-linked = طلب البحث مرتبط بالفعل بطفل
refusal-both-have-cases = لكلا السجلين حالة مفتوحة؛ أغلق إحداهما أو اسحبها قبل ضمّهما
refusal-both-gather = كلا السجلين يضم بالفعل سجلات أخرى أو حالة؛ اضممهما واحدًا تلو الآخر
refusal-nothing-to-undo = لا يوجد قرار على هذا التطابق للتراجع عنه
refusal-linked-request-erased = طلب البحث ممحو؛ ويبقى ربطه كما هو
refusal-joined-record-has-case = للسجل المضموم الآن حالة خاصة به؛ لا يمكن فصله
refusal-join-not-loaded = لم يحمّل المخزن ما ضمّه هذا التطابق
