# Homeward web UI — українська.

app-name = Homeward
app-tagline = Повернення розлучених дітей додому
skip-to-content = Перейти до змісту
nav-main = Головне меню
nav-dashboard = Огляд
nav-children = Діти
nav-tracing = Запити на розшук
nav-sign-out = Вийти
language-label = Мова
signed-in-as = Ви увійшли як { $login }
footer-note = Кожен перегляд запису дитини записується.

role-coordinator = Координатор
role-caseworker = Фахівець із випадків
role-escort = Супровідник
role-party_officer = Представник сторони
role-transit_officer = Представник транзитної держави
role-auditor = Аудитор
role-admin = Адміністратор

## Sign-in
sign-in-title = Вхід
sign-in-intro = Увійдіть з обліковим записом, який вам надала ваша організація.
sign-in-login = Логін
sign-in-password = Пароль
sign-in-submit = Увійти
sign-in-failed = Логін або пароль неправильні. Перевірте обидва й спробуйте ще раз.
sign-in-limited = Забагато спроб. Зачекайте хвилину й спробуйте знову.
sign-in-signed-out = Ви вийшли.

## Dashboard
dashboard-title = Огляд
dashboard-total = { $count ->
    [one] Усього { $count } справа
    [few] Усього { $count } справи
    [many] Усього { $count } справ
   *[other] Усього { $count } справи
}
dashboard-by-state = Справи за станом
dashboard-by-party = Справи за сторонами
dashboard-returned = Діти, повернені додому, за місяцями
dashboard-returned-none = Жодну дитину ще не повернено додому.
dashboard-returned-chart = Стовпчикова діаграма дітей, повернених додому, за місяцями; ті самі числа — у таблиці під нею.
dashboard-no-cases = У вашому доступі немає справ.
col-state = Стан
col-party = Сторона
col-month = Місяць
col-cases = Справи
col-children = Діти

## Case states
state-identified = Виявлено
state-verified = Особу підтверджено
state-family_located = Родину знайдено
state-consent_recorded = Згоду отримано
state-submitted = Подано обом сторонам
state-approved = Схвалено обома сторонами
state-transit_planned = Переїзд сплановано
state-in_transit = У дорозі
state-handed_over = Передано
state-reunited = Возз’єднано
state-closed = Закрито
state-on_hold = Призупинено
state-disputed = Оскаржено
state-withdrawn = Відкликано

## Case actions
action-verify = Підтвердити особу
action-locate_family = Родину знайдено
action-record_consent = Згоду отримано
action-submit = Подати обом сторонам
action-approve = Схвалити
action-plan_transit = Переїзд сплановано
action-depart = Вирушили
action-hand_over = Передано
action-reunite = Возз’єднано
action-close = Закрити справу
action-hold = Призупинити
action-dispute = Оскаржити
action-withdraw = Відкликати
action-resume = Відновити

## Records
sex-M = Чоловіча
sex-F = Жіноча
sex-unknown = Невідомо
custody-institution = Заклад
custody-hospital = Лікарня
custody-foster_family = Прийомна родина
custody-adoptive_family = Усиновлювачі
custody-embassy = Посольство
custody-family = Родина
rel-mother = Мати
rel-father = Батько
rel-grandparent = Дідусь або бабуся
rel-sibling = Брат або сестра
rel-aunt_or_uncle = Тітка або дядько
rel-legal_guardian = Законний опікун
rel-other = Інший родич
name-kind-recorded = Як у списку
name-kind-document = У документі
name-kind-former = Попереднє ім’я
name-kind-other = Інше написання
circ-parent_detained = Одного з батьків затримано
circ-medical_needs = Медичні потреби
circ-lost_contact = Втрачено зв’язок
circ-other = Інша обставина
unknown = Невідомо
erased = Стерто

## Children list
children-title = Діти
children-search = Ім’я будь-яким письмом чи написанням
children-search-hint = Латиницею, кирилицею чи в іншому написанні: «Solomiia Shevchuk» знаходить «Соломія Шевчук».
filter-state = Стан справи
filter-party = Подала сторона
filter-sex = Стать
filter-birth-year = Рік народження
filter-any = Будь-яка
filter-apply = Шукати
filter-reset = Очистити
children-found = { $count ->
    [one] Знайдено { $count } дитину
    [few] Знайдено { $count } дитини
    [many] Знайдено { $count } дітей
   *[other] Знайдено { $count } дитини
}
children-none = Нікого не знайдено. Спробуйте менше фільтрів або інше написання.
col-name = Ім’я
col-name-latin = Латиницею
col-sex = Стать
col-born = Народження
col-submitted-by = Подала сторона
col-case = Справа
no-case = Немає справи
page-nav = Сторінки
page-prev = Попередня
page-next = Наступна
page-of = Сторінка { $page } з { $pages }

## A child's page
child-names = Імена
col-original = Оригінальне письмо
col-kind = Вид
child-facts = Запис
child-birth-place = Місце народження
child-list = Список
child-documents = Документи, що посвідчують особу
child-circumstances = Особливі обставини
child-custody = Історія опіки
custody-since = З
custody-kind = Де
custody-place = Місце
custody-address = Адреса
custody-none = Опіку не зафіксовано.
child-case = Справа
case-state = Стан
case-history = Історія справи
case-history-none = Ще не зроблено жодного кроку.
col-when = Коли
col-step = Крок
col-from = Зі стану
col-to = До стану
col-note = Примітка
case-none = Для цієї дитини справу не відкрито.
case-actions = Наступні кроки
case-actions-none = Ваша роль не дозволяє зробити крок у цій справі в її теперішньому стані.
case-reason = Причина (обов’язково)
case-done = Тепер справа має стан «{ $state }».
case-refused = Крок не зроблено: { $reason }
child-family = Родина
family-none = Жодного члена родини не зафіксовано.
col-relationship = Спорідненість
col-status = Становище
child-tracing = Запити на розшук
tracing-none = До цієї дитини не прив’язано жодного запиту на розшук.
child-access-log = Журнал доступу
access-none = Доступів ще не зафіксовано.
col-who = Хто
col-via = Через
child-not-found = Такого запису немає або він поза вашим доступом.

## Tracing requests
tracing-title = Запити на розшук
tracing-count = { $count ->
    [one] { $count } запит на розшук
    [few] { $count } запити на розшук
    [many] { $count } запитів на розшук
   *[other] { $count } запиту на розшук
}
col-child-sought = Кого шукають
col-requester = Хто просить
col-filed-by = Подано через
col-last-seen = Востаннє бачили
tracing-status-open = Відкритий
tracing-status-linked = Прив’язано до дитини
tracing-list-none = У вашому доступі немає запитів на розшук.

## Errors
error-title = Щось пішло не так
error-internal = Не вдалося показати сторінку. Спробуйте ще раз за мить; якщо це повторюється, повідомте координатора.
error-not-found = Такої сторінки немає або вона поза вашим доступом.
error-forbidden = Ваша роль не дає доступу до цієї сторінки.
error-bad-request = Форму надіслано не з цього сайту. Перезавантажте сторінку й спробуйте ще раз.
error-back = Назад до огляду

## Public report
public-title = Публічний звіт
public-intro = Скільки дітей повідомила кожна сторона і наскільки просунулися їхні справи. Жодна дитина чи родич тут не названі.
public-small-counts = Числа від 1 до 4 показано як <5, щоб мале число не вказувало на родину.
public-by-party = Діти за стороною, яка про них повідомила
public-reported = Повідомлено
public-matched = Зіставлено
public-returned = Повернуто додому
public-matched-note = Зіставлено: діти, щодо яких відкрито справу. Перевірено, схвалено, повернуто додому: діти, чия справа дійшла до цього кроку.
public-checkpoint = Контрольна точка реєстру, на якій обчислено ці числа
public-checkpoint-size = Записів: { $size }; підписано посередником і засвідчено свідками сторін нижче.

## Dashboard: witnesses
dashboard-witnesses = Свідки сторін
dashboard-ledger-size = Записів у реєстрі: { $size }.
dashboard-cosigned-nothing = ще нічого
col-witness = Ключ свідка
col-cosigned = Засвідчено до
col-behind = Відставання, записів

## Users, passwords and erasure
nav-users = Користувачі
users-title = Користувачі
users-add-title = Додати користувача
users-add-submit = Додати
col-organisation = Організація
col-role = Роль
col-actions = Дії
users-active = Активний
users-disabled = Вимкнений
users-disable = Вимкнути
users-enable = Увімкнути
users-new-password = Новий пароль
users-new-password-for = Новий пароль для { $login }
users-set-password = Встановити пароль
users-done-added = Користувача додано.
users-done-disabled = Користувача вимкнено: він більше не може ввійти, а всі його сеанси й токени завершено.
users-done-enabled = Користувач знову може ввійти.
users-done-password = Пароль встановлено; усі сеанси й токени цього користувача завершено.
users-error-login = Логін — від 2 до 64 символів: літери, цифри, «.», «-» і «_».
users-error-role = Ця роль недоступна в цій організації.
users-error-login-taken = Цей логін зайнятий; оберіть інший.
users-error-self = Ви не можете вимкнути себе; це може зробити інший адміністратор.
users-error-already-disabled = Цей користувач уже вимкнений.
users-error-not-disabled = Цей користувач не вимкнений.
users-error-refused = Зміну відхилено; нічого не змінено.
password-rule = Пароль має містити щонайменше 10 символів.
error-busy = Сервер зараз перевіряє забагато паролів. Спробуйте ще раз за секунду.
error-already-done = Це вже зроблено; нічого не змінено.
account-password-title = Змінити пароль
account-password-intro = Коли пароль зміниться, ваші інші сеанси на всіх пристроях завершаться; цей триватиме.
account-current-password = Поточний пароль
account-repeat-password = Новий пароль ще раз
account-password-submit = Змінити пароль
account-password-done = Пароль змінено. Ваші інші сеанси завершено.
account-error-mismatch = Два нові паролі відрізняються. Введіть той самий пароль двічі.
account-error-current = Поточний пароль неправильний; нічого не змінено.
erase-title = Стерти персональні дані
erase-child-intro = Стирає імена, дати, місця, родичів, опіку, нотатки справ і копії у пов'язаних запитах на розшук. Запис, його справи та докази реєстру залишаються. Це не можна скасувати.
erase-reason = Причина
erase-reason-family_request = На прохання родини
erase-reason-retention_period_ended = Строк зберігання минув
erase-reason-court_order = За рішенням суду
erase-confirm = Я розумію, що це не можна скасувати
erase-submit = Стерти
erase-done = Персональні дані стерто.
erase-unconfirmed = Оберіть причину й позначте поле підтвердження; нічого не стерто.
tracing-status-erased = Стерто

## Organisations and witness keys
nav-organisations = Організації
orgs-title = Організації
orgs-add-title = Зареєструвати організацію
orgs-add-submit = Зареєструвати
orgs-name = Назва
orgs-kind = Вид
orgs-side = Сторона
orgs-side-hint = Сторона конфлікту — це сторона A або B; посередник і держави транзиту сторони не мають.
org-kind-mediator = Посередник
org-kind-party = Сторона конфлікту
org-kind-transit = Держава транзиту
orgs-witness = Ключ свідка
orgs-no-witness = Свідка ще немає
orgs-witness-for = Ключ свідка для { $name }
orgs-witness-submit = Зареєструвати ключ
orgs-witness-hint = Сторона створює ключ на власному комп'ютері командою homeward ledger keygen і надсилає надрукований відкритий ключ; відтоді вона підписує реєстр командою homeward ledger cosign. Реєстрація ключа — подія реєстру.
orgs-done-added = Організацію зареєстровано.
orgs-done-witness = Ключ свідка зареєстровано; тепер підписи сторони перевіряються за ним.
orgs-error-side = Вкажіть назву; стороні конфлікту потрібна сторона A або B, і лише вона її має.
orgs-error-taken = Організація з такою назвою вже існує.
orgs-error-witness = Це не ключ свідка: вставте рядок, який надрукувала команда homeward ledger keygen (назва+ідентифікатор+base64), для сторони конфлікту.
orgs-error-witness-taken = Цей ключ або ключ з такою назвою належить іншій організації.

## Exports
export-download = Завантажити цей список:
export-hint = Кожну дитину у файлі буде записано в журнал доступу.

## The review queue of matches
nav-matches = Збіги
matches-title = Збіги для перевірки
matches-status = Стан
matches-band = Оцінка
matches-band-all = Будь-яка оцінка
matches-band-high = Висока (від 90 %)
matches-band-medium = Середня (50–90 %)
matches-band-low = Низька (нижче 50 %)
matches-filter = Показати
matches-count = { $count ->
    [one] { $count } збіг
    [few] { $count } збіги
    [many] { $count } збігів
   *[other] { $count } збігу
}
matches-position = Збіг { $position }
match-kind-parties = Записи обох сторін
match-kind-duplicate = Двічі в одному списку
match-kind-tracing = Дитина і запит на розшук
matches-renamed = Обидва імені різні, а по батькові, дата і місце народження збігаються: можливо, дитину перейменовано при усиновленні. Перевірте документи.
matches-field = Поле
matches-open-record = відкрити
matches-agreement = Збіг
matches-weight = Вага
matches-names = Імена
matches-erased = Стерто
match-field-family_name = Прізвище
match-field-given_name = Ім'я
match-field-patronymic = По батькові
match-field-sex = Стать
match-field-birth_date = Дата народження
match-field-birth_place = Місце народження
match-level-agree = Однакове
match-level-exact = Однакове
match-level-key = Те саме ім'я, інше написання
match-level-group = Те саме ім'я, інша форма
match-level-similar = Схоже
match-level-near = Близьке
match-level-differ = Різне
match-level-mismatch = Різне
match-level-missing = Немає
match-level-unknown = Не порівнюється
match-level-day_month_swap = День і місяць переставлено
match-level-one_digit_typo = Різниця в одній цифрі
match-level-two_digits = Різниця у двох цифрах
match-level-year_month = Той самий рік і місяць
match-level-year = Той самий рік
match-level-not_counted = Не враховано (про це каже ім'я)
match-level-year_off_1 = Різниця в один рік
matches-weight-hint = Вага — свідчення кожного поля в бітах: додатна — на користь однієї дитини, від'ємна — проти. Оцінка складає їх з урахуванням того, наскільки поширене ім'я.
matches-reason = Причина (необов'язково)
matches-confirm = Та сама дитина
matches-reject = Різні діти
matches-unsure = Не впевнений
match-status-pending = На перевірці
match-status-unsure = Позначено як непевне: вирішіть, коли знатимете більше.
match-status-confirmed = Підтверджено: записи — одна дитина.
match-status-rejected = Відхилено: двоє різних дітей.
matches-undo = Скасувати це рішення
matches-nav = Черга
matches-prev = Попередній
matches-next = Наступний
matches-keys = Клавіші: C — та сама дитина, R — різні, U — не впевнений, J — наступний, K — попередній.
matches-empty = Тут нічого перевіряти.
matches-score = Оцінка
matches-kind = Вид
matches-done-confirm = Підтверджено: два записи тепер — одна дитина.
matches-done-reject = Відхилено.
matches-done-unsure = Позначено як непевне.
matches-done-undo = Рішення скасовано; збіг знову в черзі.
child-sources = Записи про цю дитину
child-sources-hint = Запис кожної сторони про дитину, об'єднані підтвердженим збігом.
child-source-party = Сторона
child-source-list = Список
child-source-external = Номер у списку
child-source-names = Імена

## Importing a party's list
nav-imports = Імпорт
imports-title = Імпорт списку сторони
imports-steps = Кроки
imports-step-upload = 1. Виберіть файл
imports-step-check = 2. Перевірте його
imports-step-done = 3. Імпортуйте
imports-upload-title = Список
imports-party = Сторона
imports-kind = Що в списку
imports-kind-children = Діти
imports-kind-tracing_requests = Запити на розшук
imports-file = Файл (CSV або XLSX)
imports-list-name = Назва списку (необов'язково)
imports-lang = Мова імен
imports-lang-auto = За літерами
imports-check = Перевірити файл
imports-hint = Нічого не зберігається, доки ви не імпортуєте перевірений файл. Стовпці розпізнаються за назвами англійською, українською чи російською або за тегами HXL; рядок із помилкою зупиняє весь файл.
imports-detected = Що містить файл
imports-column = Стовпець
imports-field = Поле
imports-preview = Перші рядки
imports-row = Рядок
imports-line = Лінія
imports-value = Значення
imports-why = Чому
imports-problems = { $count ->
    [one] { $count } помилка у файлі
    [few] { $count } помилки у файлі
    [many] { $count } помилок у файлі
   *[other] { $count } помилки у файлі
}
imports-nothing-stored = Нічого не імпортовано. Виправте файл і перевірте його знову.
imports-would = Що зробить імпорт
imports-rows = Рядків
imports-new = Нових записів
imports-updated = Оновлених записів
imports-unchanged = Без змін
imports-commit = Імпортувати цей список
imports-cancel = Вибрати інший файл
imports-done = Імпортовано
imports-done-note = Список імпортовано; імпорт записано в реєстр подій із SHA-256 файлу.
imports-matches = Нових збігів для перевірки
imports-to-matches = Перевірити збіги
imports-another = Імпортувати інший список
imports-error-form = Форму не вдалося прочитати; виберіть файл знову.
imports-error-party = Виберіть одну із запропонованих сторін.
imports-error-file = Виберіть файл: надісланий був порожній.
imports-error-unreadable = Цей файл не є списком: збережіть його як CSV або XLSX і спробуйте знову.
imports-error-expired = Перевірений файл більше не зберігається (його тримають 15 хвилин); перевірте його знову.

# casework
case-parties = Сторони справи
case-needs = Перед наступним кроком
need-identity = Документ або доказ особи
need-family = Член родини або опікун у записі
need-consent = Згода батьків або опікуна
need-best-interests = Оцінка найкращих інтересів на користь повернення
need-child-views = Власна думка дитини
need-approval-a = Схвалення першої сторони
need-approval-b = Схвалення другої сторони
need-record = внесіть нижче
case-actions-waiting = Наступний крок з'явиться, коли все зазначене вище буде внесено.
case-resolution = Рішення щодо спору (обов'язково)
action-resolve = Вирішити спір
decision-title = Рішення вашої сторони
decision-legend = Рішення
decision-approve = Схвалити
decision-object = Заперечити
decision-dispute = Якщо заперечуєте — предмет спору
dispute-identity = Особа
dispute-family_link = Родинний зв'язок
dispute-consent = Згода
dispute-other = Інше
decision-note = Підстава (обов'язкова для заперечення)
decision-submit = Зберегти рішення
decisions-title = Рішення сторін
decisions-none = Жодна сторона ще не ухвалила рішення.
col-decision = Рішення
col-by = Хто вніс
evidence-title = Докази
evidence-none = До справи ще не внесено доказів.
evidence-method = Як перевірено
evidence-kind-identity = Особа
evidence-kind-family = Родинний зв'язок
evidence-kind-reunion = Возз'єднання
evidence-kind-other = Інше
method-document_seen = Переглянуто документ
method-video_call = Відеодзвінок з родиною
method-photographs = Фотографії
method-biometric_report = Біометричний висновок
method-dna_report = Висновок ДНК-експертизи
method-interview = Співбесіда
assessments-title = Найкращі інтереси, думка дитини та згода
consent-given-by = Згоду надав(ла)
assessments-none = Ще не внесено ні оцінки, ні думки дитини.
assessment-outcome = Висновок
assessment-best_interests = Оцінка найкращих інтересів
assessment-child_views = Думка дитини
outcome-return = Повернення відповідає найкращим інтересам дитини
outcome-no_return = Повернення не відповідає найкращим інтересам дитини
outcome-undetermined = Ще не визначено
heard-in_person = Вислухано особисто
heard-video_call = Вислухано відеозв'язком
heard-in_writing = Письмово
heard-through_representative = Через представника
heard-not_obtainable = Неможливо отримати
views-age-at = вік: { $age }
record-title = Внести до справи
evidence-add = Додати доказ
evidence-description = Що переглянуто або отримано
evidence-submit = Додати доказ
consent-title = Згода
consent-nobody = У записі дитини ще немає батьків чи опікуна, які можуть дати згоду: додайте їх у розділі «Родина».
consent-member = Надав(ла)
consent-note = Як отримано і хто засвідчив
consent-submit = Зберегти згоду
bi-title = Оцінка найкращих інтересів
bi-reasons = Обґрунтування
bi-submit = Зберегти оцінку
views-title = Власна думка дитини
views-how = Як вислухано дитину
views-age = Вік дитини на момент розмови
views-text = Словами самої дитини
views-hint = Дитину віком від 16 років обов'язково вислуховують.
views-hint-coordinator = Якщо думку отримати неможливо, вкажіть чому; дитину від 16 років обов'язково вислуховують.
views-submit = Зберегти думку дитини
open-case-title = Відкрити справу
open-case-hint = Справа стосується сторони, що повідомила про дитину, і сторони, у якої дитина перебуває, — з протилежних боків.
open-case-reporting = Сторона, що повідомила про дитину
open-case-holding = Сторона, у якої перебуває дитина
open-case-submit = Відкрити справу
saved-case = Справу відкрито.
saved-evidence = Доказ внесено.
saved-consent = Згоду внесено.
saved-best-interests = Оцінку найкращих інтересів внесено.
saved-child-views = Думку дитини внесено.
saved-decision = Рішення вашої сторони внесено.
form-bad-kind = Виберіть один із запропонованих видів доказу.
form-bad-method = Виберіть один із запропонованих способів перевірки.
form-need-description = Опишіть доказ (до 2000 символів).
form-need-member = Виберіть, хто надав згоду.
form-need-consent-note = Вкажіть, як отримано згоду і хто її засвідчив.
form-bad-outcome = Виберіть один із запропонованих висновків.
form-need-reasons = Наведіть обґрунтування оцінки.
form-bad-heard = Виберіть, як вислухано дитину.
form-bad-age = Вкажіть вік дитини цілим числом років.
form-need-views = Запишіть думку дитини або причину, чому її неможливо отримати.
form-need-decision = Виберіть «схвалити» або «заперечити».
form-bad-dispute = Виберіть предмет заперечення.
form-need-objection-reason = Заперечення потребує підстави.
nav-cases = Справи
cases-title = Дошка справ
cases-by-state = Справи за станом
cases-stalled-days = Застій після (днів без змін)
cases-only-stalled = Лише справи в застої
cases-found = { $count ->
    [one] { $count } справа
    [few] { $count } справи
   *[other] { $count } справ
}
cases-none = Жодна справа не відповідає цим фільтрам.
cases-days-in-state = У цьому стані
cases-last-change = Остання зміна
cases-days = { $days ->
    [one] { $days } день
    [few] { $days } дні
   *[other] { $days } днів
}
cases-days-ago = { $days ->
    [0] сьогодні
    [one] { $days } день тому
    [few] { $days } дні тому
   *[other] { $days } днів тому
}
cases-stalled = застій
cases-uncased = { $count ->
    [one] { $count } дитина без відкритої справи
    [few] { $count } дитини без відкритої справи
   *[other] { $count } дітей без відкритої справи
}
cases-uncased-none = Кожна дитина в реєстрі має відкриту справу.

# record forms
record-register-link = Зареєструвати дитину
record-register-title = Реєстрація дитини
record-register-submit = Зареєструвати дитину
record-edit-link = Редагувати запис
record-edit-title = Редагування запису дитини
record-edit-submit = Зберегти запис
record-back = Сторінка дитини
record-cancel = Скасувати
record-problems = Нічого не збережено. Виправте позначене:
record-whose-list = Чий список
record-party = Сторона, до списку якої належить дитина
record-choose = Оберіть…
record-own-list = Дитину буде внесено до списку: { $party }.
record-list-name = Назва списку
record-list-name-hint = Якщо не заповнено: «Registered in the web UI».
record-names = Імена
record-names-hint = Кожне написання імені дитини, будь-яким письмом: як записано, як у документі, колишнє ім'я. Перше — ім'я як записано. Порожні рядки не враховуються.
record-name-n = Написання { $row }
record-given-name = Ім'я
record-patronymic = По батькові
record-family-name = Прізвище
record-name-lang = Мова та письмо
record-name-kind = Вид написання
record-lang-uk = Українська (кирилиця)
record-lang-ru = Російська (кирилиця)
record-lang-uk-Latn = Українська латиницею
record-lang-ru-Latn = Російська латиницею
record-lang-en = Англійська
record-lang-ar = Арабська
record-sex-and-birth = Стать і народження
record-birth-date = Дата народження
record-birth-date-hint = Точна або неповна: 2014-03-21, 2014-03 чи 2014 (або 21.03.2014, 03.2014).
record-birth-age = Або орієнтовний вік (років)
record-birth-age-on = Дата оцінки
record-birth-age-hint = Коли відомий лише вік: день, коли його оцінено; якщо не заповнено — сьогодні.
record-place-lang = Мова назви місця
record-documents-hint = Рядки без номера не враховуються.
record-document-n = Документ { $row }
record-document-kind = Вид
record-document-number = Номер
record-document-issued-by = Держава видачі
record-doc-birth_certificate = Свідоцтво про народження
record-doc-passport = Паспорт
record-doc-internal_passport = Внутрішній паспорт
record-doc-other = Інший документ
record-circumstances-hint = Позначте все, що стосується дитини; примітка необов'язкова.
record-note = Примітка (необов'язково)
record-note-on = Примітка: { $what }
record-error-party = Сторона: оберіть одну із запропонованих сторін.
record-error-list-name-long = Назва списку: не більше { $max } символів.
record-error-name-missing = Імена: напишіть принаймні одне ім'я (ім'я або прізвище).
record-error-name-empty = Написання { $row }: напишіть ім'я або прізвище, а не лише по батькові.
record-error-name-long = Написання { $row }: кожна частина імені — не більше { $max } символів.
record-error-name-lang = Написання { $row }: оберіть мову та письмо зі списку.
record-error-name-kind = Написання { $row }: оберіть вид написання зі списку.
record-error-sex = Стать: оберіть жіночу, чоловічу або «невідомо».
record-error-birth-date = Дата народження: напишіть дату, яка існує, між 1900 і 2100 роками, як 2014-03-21, 2014-03 чи 2014 (або 21.03.2014, 03.2014).
record-error-birth-both = Дата народження: вкажіть дату або орієнтовний вік, а не обидва.
record-error-birth-age = Орієнтовний вік: напишіть ціле число років від 0 до 25 і дату оцінки, яка існує.
record-error-birth-place-long = Місце народження: не більше { $max } символів.
record-error-birth-place-lang = Місце народження: оберіть мову назви зі списку.
record-error-document-number = Документ { $row }: напишіть його номер або очистіть рядок.
record-error-document-long = Документ { $row }: номер і держава видачі — не більше { $max } символів кожне.
record-error-document-kind = Документ { $row }: оберіть вид документа зі списку.
record-error-note-long = Примітка «{ $what }»: не більше 10 000 символів.
record-error-refused = Реєстр не прийняв запис у такому вигляді: перевірте імена й спробуйте ще раз.
record-error-erased = Персональні дані цієї дитини стерто: запис не приймає нових персональних даних.
record-family-add = Додати члена родини чи опікуна
record-family-submit = Додати до запису
record-status-hint = Наприклад: під вартою з 2023 року; місцеперебування невідоме.
record-contact = Як зв'язатися
record-contact-hint = Телефон, адреса чи посередник. Інша сторона цього не бачить.
record-custody-add = Записати, де живе дитина
record-custody-submit = Записати опіку
record-since-hint = 2024-03-01, 2024-03 або 2024.
record-address-hint = Інша сторона не бачить адреси.
record-error-relationship = Спорідненість: оберіть зі списку.
record-error-family-name = Ім'я: напишіть ім'я або прізвище.
record-error-family-name-long = Ім'я: кожна частина — не більше { $max } символів.
record-error-family-lang = Мова та письмо: оберіть зі списку.
record-error-status-long = Становище: не більше { $max } символів.
record-error-contact-long = Як зв'язатися: не більше { $max } символів.
record-error-custody-kind = Де: оберіть один із запропонованих варіантів.
record-error-custody-since = З: напишіть дату, яка існує, між 1900 і 2100 роками, як 2024-03-01, 2024-03 чи 2024 (або 01.03.2024, 03.2024).
record-error-custody-place = Місце: напишіть назву місця.
record-error-custody-place-long = Місце: не більше { $max } символів.
record-error-custody-address-long = Адреса: не більше { $max } символів.

# the domain's rules, as refusals name them
rule-role-not-allowed = { $role } не може виконати крок «{ $action }»
rule-not-escort-of-trip = лише супровідники рейсу цієї справи можуть виконати крок «{ $action }»
rule-party-not-concerned = сторона діє лише щодо справ, поданих їй
rule-wrong-state = справа у стані «{ $state }» не допускає кроку «{ $action }»
rule-reason-required = крок «{ $action }» потребує підстави
rule-no-identity = для підтвердження особи потрібен документ або доказ особи у справі
rule-no-family = для встановлення родини потрібен член родини або опікун у записі
rule-no-consent = згоду батьків або опікуна не внесено
rule-consent-by-stranger = згоду надала особа, якої немає серед родини дитини
rule-consent-by-non-guardian = згоду надав родич, який не може її давати (має батько, мати, дід, баба або законний опікун)
rule-same-parties = перед поданням справа має стосуватися двох різних сторін
rule-no-best-interests = перед поданням потрібно внести оцінку найкращих інтересів
rule-best-interests-against = остання оцінка не визнає повернення таким, що відповідає найкращим інтересам дитини
rule-no-child-views = перед поданням потрібно внести власну думку дитини
rule-party-objected = сторона { $party } заперечила проти цієї справи
rule-party-not-approved = сторона { $party } ще не схвалила цю справу
rule-nothing-to-resume = справі нема до якого стану повернутися
rule-decision-needs-submitted = сторона ухвалює рішення після подання справи; ця справа у стані «{ $state }»
rule-booking-needs-approved = справу включають до рейсу після схвалення обома сторонами; ця справа у стані «{ $state }»
rule-handover-needs-transit = передачу вносять, коли дитина в дорозі; ця справа у стані «{ $state }»
rule-follow-up-needs-reunion = подальше відвідування вносять після возз'єднання; ця справа у стані «{ $state }»
rule-views-too-old = думку дитини вносять до 17 років
rule-views-no-words = запишіть думку дитини її власними словами
rule-views-no-reason = вкажіть, чому думку дитини неможливо отримати
rule-views-only-coordinator = лише координатор може внести, що думку дитини неможливо отримати
rule-views-must-be-heard = дитину від 16 років обов'язково вислуховують; її думку не можна внести як неотриману
saved-consent-withdrawal = Відкликання згоди внесено; справу призупинено.
withdrawal-title = Згоду відкликано
withdrawal-hint = Справу буде призупинено; далі після етапу згоди вона піде лише після нової згоди.
withdrawal-reason = Чому — як сказала людина
withdrawal-submit = Внести відкликання
form-need-withdrawal-reason = Відкликання згоди потребує причини.
users-done-role = Роль змінено; вона діє з наступної сторінки користувача.
users-error-role-change = Ця роль не відповідає організації користувача, або це ваш власний обліковий запис.
users-error-same-role = Користувач уже має цю роль.
users-role-for = Нова роль для { $login }
users-change-role = Змінити роль
case-add-party = Додати установу однієї зі сторін
case-add-party-submit = Додати до справи
saved-party = Установа тепер причетна до справи й ухвалює рішення самостійно.
form-need-party = Виберіть установу, яку слід додати.
need-trip = Включено до рейсу з етапами та супровідником
need-handover = Передачу внесено в рейсі
group-siblings = Подається та схвалюється разом із братами й сестрами
group-travel_together = Подається та схвалюється разом із дітьми, які їдуть разом
group-member = справа
group-hint = Справи групи подаються разом і схвалюються, коли схвалено останню з них.
group-title = Об'єднати з братами й сестрами
group-form-hint = Діти з тим самим прізвищем, чиї справи ще не подано.
group-with = Об'єднати з
group-kind = Чому разом
group-submit = Об'єднати справи
saved-group = Справи об'єднано: їх подають і схвалюють разом.
form-bad-group-kind = Виберіть, чому діти мають бути разом.
form-need-group = Позначте справу принаймні ще однієї дитини.
need-group = Інші справи групи теж готові
rule-group-not-ready = справи групи подаються разом, а інша справа цієї групи ще не готова
tracing-outcome-found = Закрито: знайдено
tracing-outcome-not_found = Закрито: не знайдено
tracing-outcome-withdrawn = Закрито: відкликано родиною
tracing-close-outcome = Чим завершився запит
tracing-close = Закрити запит
tracing-closed = Запит на розшук закрито.

# Transit: the rules a trip keeps
action-cancel_transit = Зняти з рейсу
action-reopen = Відкрити справу знову
custody-escort = Із супровідниками
custody-transit_state = У посадових осіб транзитної держави
rule-trip-step = цей крок робиться в поїздці: бронювання планує переїзд, виліт першого етапу починає його, а передача наприкінці останнього етапу завершує
rule-no-final-handover = для возз'єднання потрібна передача дитини наприкінці подорожі члену родини або опікуну
rule-follow-ups-incomplete = графік подальших відвідувань не виконано; координатор може закрити справу, вказавши причину
trip-rule-no-name = поїздці потрібна назва
trip-rule-no-legs = поїздці потрібен принаймні один етап
trip-rule-leg-places = для етапу { $leg } потрібні місце відправлення і місце прибуття
trip-rule-leg-times = етап { $leg } має прибути після відправлення
trip-rule-leg-order = етап { $leg } відправляється раніше, ніж прибуває попередній
trip-rule-not-transit-state = етап { $leg } називає організацію, яка не є транзитною державою
trip-rule-not-escort = кожен супровідник має бути користувачем із роллю супровідника
trip-rule-legs-changed = перенесена поїздка зберігає свої етапи та їхні транзитні держави; скасуйте її і сплануйте іншу
trip-rule-cancelled = поїздку скасовано
trip-rule-departed = поїздка вже розпочалася; її план, бронювання і супровідники більше не змінюються
trip-rule-leg-departed = етап { $leg } уже відправився; він більше не змінюється
trip-rule-already-booked = справу вже заброньовано на поїздку
trip-rule-over-capacity = у поїздці вільних місць: { $free }, а бронювання потребує { $needed }
trip-rule-escort-ratio = для етапу { $leg } потрібно супровідників: { $needed } (норма супроводу), а є { $escorts }
trip-rule-group-split = справи групи подорожують разом: кожна справа групи має бути схвалена й вільна для бронювання
trip-rule-not-leg-transit-state = дозвіл для етапу { $leg } записує лише посадова особа його транзитної держави
trip-rule-no-transit-state = етап { $leg } не проходить через транзитну державу; дозвіл не потрібен
trip-rule-no-clearance = етап { $leg } ще не має дозволу транзитної держави
trip-rule-clearance-refused = транзитна держава відмовила в дозволі для етапу { $leg }
trip-rule-before-not-arrived = етап { $leg } відправляється лише після прибуття етапу { $before }
trip-rule-not-departed = етап { $leg } ще не відправився
trip-rule-already-departed = етап { $leg } уже відправився
trip-rule-handover-missing = передачу дитини наприкінці етапу { $leg } ще не записано
trip-rule-no-reference = дозвіл має містити реєстраційний номер транзитної держави
trip-rule-no-cancel-reason = для скасування поїздки потрібна причина
trip-rule-escorts-per-leg = супровідників призначають для кожного етапу поїздки
trip-rule-already-arrived = етап { $leg } уже прибув
trip-rule-nobody-booked = на поїздку не заброньовано жодної дитини
trip-rule-case-not-ready = справа, заброньована на поїздку, має стан «{ $state }»; спершу відновіть її або зніміть з рейсу
trip-rule-not-on-trip = дитину не заброньовано на цю поїздку
trip-rule-handover-skipped = передачу на етапі { $expected } слід записати раніше, ніж на етапі { $leg }
trip-rule-handover-twice = передачу дитини на етапі { $leg } уже записано
trip-rule-receiver-not-official = до останнього етапу дитину передають посадовій особі транзитної держави цього етапу
trip-rule-receiver-not-family = наприкінці подорожі дитину передають члену родини або опікуну
trip-rule-receiver-not-consenting = дитину передають лише члену родини з батьківськими правами, чию згоду записано
trip-rule-handover-details = у передачі зазначають посадову особу, яка прийняла дитину, і місце

# Trips in the browser and their printed documents
nav-trips = Поїздки
trips-title = Поїздки
trips-none = У вашому полі зору немає поїздок.
trip-name = Поїздка
trip-status = Стан
trip-route = Маршрут
trip-departs = Відправлення
trip-arrives = Прибуття
trip-places = Заброньовано дітей / місць
trip-kind = Вид
trip-kind-charter_flight = Чартерний рейс
trip-kind-scheduled_flight = Регулярний рейс
trip-kind-road_convoy = Автоколона
trip-status-planned = Заплановано
trip-status-underway = У дорозі
trip-status-completed = Завершено
trip-status-cancelled = Скасовано
trip-plan = Запланувати поїздку
trip-plan-hint = Етапи ведуть від місця, де перебувають діти (наприклад, посольства), через транзитні держави до пункту призначення. Час — за UTC.
trip-carrier = Перевізник
trip-capacity = Місць для дітей
trip-leg-n = Етап { $leg }
trip-leg-optional = (необов'язково)
trip-leg-own-escorts = Інші супровідники на цьому етапі
trip-add-leg = Додати етап
trip-from = Звідки
trip-to = Куди
trip-transit-state = Транзитна держава
trip-no-transit = Немає
trip-leg-carrier = Рейс або колона
trip-departs-utc = Відправлення (UTC)
trip-arrives-utc = Прибуття (UTC)
trip-escorts = Супровідники
trip-escorts-hint = Супровідники всіх етапів, якщо етап не має власних.
trip-no-escorts = Жоден користувач ще не має ролі супровідника.
trip-plan-submit = Запланувати
trip-legs = Етапи
trip-clearance = Дозвіл
trip-clearance-granted = Надано
trip-clearance-refused = Відмовлено
trip-clearance-pending = Очікується
trip-clearance-none = Не потрібен
trip-reference = Реєстраційний номер
trip-departed = Відправився
trip-arrived = Прибув
trip-print-manifest = Надрукувати маніфест
trip-print-receipts = Надрукувати акти передачі
trip-clearance-title = Дозвіл вашої держави на цей етап
trip-clearance-answer = Рішення
trip-clearance-grant = Надати
trip-clearance-refuse = Відмовити
trip-conditions = Умови
trip-clearance-submit = Записати дозвіл
trip-time-utc = Час (UTC)
trip-depart = Записати відправлення
trip-arrive = Записати прибуття
trip-escorts-change = Супровідники цього етапу
trip-escorts-submit = Зберегти супровідників
trip-children = Діти в поїздці
trip-children-none = На цю поїздку ще не заброньовано жодної дитини.
trip-handover-at-leg = Передача наприкінці етапу { $leg }
trip-handover-title = Записати передачу наприкінці етапу { $leg }
trip-handover-no-guardian = Згоди батьків або опікуна не записано: дитину не можна передати.
trip-handover-to-guardian = Передається
trip-handover-org = Організація, що приймає
trip-handover-official = Ім'я посадової особи, що приймає
trip-handover-submit = Записати передачу
trip-book = Забронювати схвалену справу
trip-book-hint = Справу з групи бронюють разом з усією групою або не бронюють зовсім.
trip-book-none = Жодна схвалена справа не чекає на поїздку.
trip-book-case = Справа
trip-book-submit = Забронювати на цю поїздку
trip-reschedule = Перенести
trip-reschedule-submit = Зберегти новий час
trip-cancel = Скасувати поїздку
trip-cancel-hint = Заброньовані діти повертаються до стану «схвалено» і можуть бути заброньовані на іншу поїздку.
trip-cancel-submit = Скасувати поїздку
trip-in-group = разом із групою
trip-refused = Не записано: { $reason }.
trip-saved-planned = Поїздку заплановано.
trip-saved-booked = Заброньовано на поїздку.
trip-saved-escorts = Супровідників збережено.
trip-saved-clearance = Дозвіл записано.
trip-saved-departure = Відправлення записано.
trip-saved-arrival = Прибуття записано.
trip-saved-handover = Передачу записано.
trip-saved-rescheduled = Новий час збережено.
trip-saved-cancelled = Поїздку скасовано.
trip-form-name = Дайте поїздці назву.
trip-form-kind = Виберіть вид поїздки.
trip-form-capacity = Місць для дітей: число від 1 до 10000.
trip-form-times = Зазначте для кожного етапу час відправлення і прибуття.
trip-form-places = Зазначте для кожного етапу місце відправлення і призначення.
trip-form-legs = Поїздці потрібен принаймні один етап.
trip-form-case = Виберіть справу для бронювання.
trip-form-reason = Зазначте причину.
trip-form-granted = Виберіть, надано дозвіл чи відмовлено.
trip-form-reference = Зазначте реєстраційний номер.
trip-form-receiver = Зазначте, хто прийняв дитину.
trip-form-place = Зазначте, де передано дитину.
doc-manifest = Маніфест
doc-receipt = Акт передачі
doc-trip = Поїздка
doc-leg = Етап
doc-from = Звідки
doc-to = Куди
doc-transit-state = Транзитна держава
doc-carrier = Рейс або колона
doc-departs = Відправлення
doc-arrives = Прибуття
doc-escorts = Супровідники
doc-child = Дитина
doc-name-latin = Ім'я латиницею
doc-name-original = Ім'я, як записано
doc-birth-date = Дата народження
doc-sex = Стать
doc-documents = Документи
doc-goes-to = Передається
doc-medical-needs = Медичні потреби
doc-handed-over-by = Передав
doc-received-by = Прийняв
doc-place = Місце
doc-time = Час
doc-signature = Підпис
doc-generated = Надруковано
doc-confidential = Конфіденційно: персональні дані дітей. Не копіювати й не залишати без нагляду.
doc-erased = (персональні дані стерто)
doc-unknown = невідомо
need-final-handover = Передача наприкінці подорожі батькам або опікуну
need-follow-up-schedule = Усі подальші відвідування за графіком
follow-up-title = Подальше відвідування
follow-up-hint = Відвідування йдуть за графіком після возз'єднання; справа закривається, коли всі записано, або координатор пояснює, чому ні.
follow-up-note = Що встановлено під час відвідування
follow-up-submit = Записати відвідування
follow-ups-title = Графік подальших відвідувань
follow-ups-visit = Відвідування
follow-ups-when = Строк
follow-ups-month = { $months ->
    [one] { $months } місяць після возз'єднання
    [few] { $months } місяці після возз'єднання
    [many] { $months } місяців після возз'єднання
   *[other] { $months } місяця після возз'єднання
}
follow-ups-extra = Понад графік
follow-ups-recorded = Записано
follow-ups-overdue = Прострочено
follow-ups-pending = Ще ні
saved-follow-up = Подальше відвідування записано.
form-need-follow-up = Зазначте, що встановлено під час відвідування.
