# Homeward web UI — русский.

app-name = Homeward
app-tagline = Возвращение разлучённых детей домой
skip-to-content = Перейти к содержанию
nav-main = Главное меню
nav-dashboard = Обзор
nav-children = Дети
nav-tracing = Запросы о розыске
nav-sign-out = Выйти
language-label = Язык
signed-in-as = Вы вошли как { $login }
footer-note = Каждый просмотр записи ребёнка фиксируется.

role-coordinator = Координатор
role-caseworker = Специалист по делам
role-escort = Сопровождающий
role-party_officer = Представитель стороны
role-transit_officer = Представитель транзитного государства
role-auditor = Аудитор
role-admin = Администратор

## Sign-in
sign-in-title = Вход
sign-in-intro = Войдите с учётной записью, которую вам выдала ваша организация.
sign-in-login = Логин
sign-in-password = Пароль
sign-in-submit = Войти
sign-in-failed = Логин или пароль неверны. Проверьте оба и попробуйте ещё раз.
sign-in-limited = Слишком много попыток. Подождите минуту и попробуйте снова.
sign-in-signed-out = Вы вышли.

## Dashboard
dashboard-title = Обзор
dashboard-total = { $count ->
    [one] Всего { $count } дело
    [few] Всего { $count } дела
    [many] Всего { $count } дел
   *[other] Всего { $count } дела
}
dashboard-by-state = Дела по состоянию
dashboard-by-party = Дела по сторонам
dashboard-returned = Дети, возвращённые домой, по месяцам
dashboard-returned-none = Ни один ребёнок ещё не возвращён домой.
dashboard-returned-chart = Столбчатая диаграмма детей, возвращённых домой, по месяцам; те же числа — в таблице под ней.
dashboard-no-cases = В вашем доступе нет дел.
col-state = Состояние
col-party = Сторона
col-month = Месяц
col-cases = Дела
col-children = Дети

## Case states
state-identified = Выявлен
state-verified = Личность подтверждена
state-family_located = Семья найдена
state-consent_recorded = Согласие получено
state-submitted = Передано обеим сторонам
state-approved = Одобрено обеими сторонами
state-transit_planned = Переезд запланирован
state-in_transit = В пути
state-handed_over = Передан
state-reunited = Воссоединён
state-closed = Закрыто
state-on_hold = Приостановлено
state-disputed = Оспорено
state-withdrawn = Отозвано

## Case actions
action-verify = Подтвердить личность
action-locate_family = Семья найдена
action-record_consent = Согласие получено
action-submit = Передать обеим сторонам
action-approve = Одобрить
action-plan_transit = Переезд запланирован
action-depart = Отправились
action-hand_over = Передан
action-reunite = Воссоединён
action-close = Закрыть дело
action-hold = Приостановить
action-dispute = Оспорить
action-withdraw = Отозвать
action-resume = Возобновить

## Records
sex-M = Мужской
sex-F = Женский
sex-unknown = Неизвестно
custody-institution = Учреждение
custody-hospital = Больница
custody-foster_family = Приёмная семья
custody-adoptive_family = Усыновители
custody-embassy = Посольство
custody-family = Семья
rel-mother = Мать
rel-father = Отец
rel-grandparent = Дедушка или бабушка
rel-sibling = Брат или сестра
rel-aunt_or_uncle = Тётя или дядя
rel-legal_guardian = Законный опекун
rel-other = Другой родственник
name-kind-recorded = Как в списке
name-kind-document = В документе
name-kind-former = Прежнее имя
name-kind-other = Другое написание
circ-parent_detained = Один из родителей задержан
circ-medical_needs = Медицинские потребности
circ-lost_contact = Связь потеряна
circ-other = Другое обстоятельство
unknown = Неизвестно
erased = Стёрто

## Children list
children-title = Дети
children-search = Имя любым письмом или в любом написании
children-search-hint = Латиницей, кириллицей или в другом написании: «Solomiia Shevchuk» находит «Соломія Шевчук».
filter-state = Состояние дела
filter-party = Подала сторона
filter-sex = Пол
filter-birth-year = Год рождения
filter-any = Любой
filter-apply = Искать
filter-reset = Сбросить
children-found = { $count ->
    [one] Найден { $count } ребёнок
    [few] Найдено { $count } ребёнка
    [many] Найдено { $count } детей
   *[other] Найдено { $count } ребёнка
}
children-none = Никого не найдено. Попробуйте меньше фильтров или другое написание.
col-name = Имя
col-name-latin = Латиницей
col-sex = Пол
col-born = Рождение
col-submitted-by = Подала сторона
col-case = Дело
no-case = Нет дела
page-nav = Страницы
page-prev = Предыдущая
page-next = Следующая
page-of = Страница { $page } из { $pages }

## A child's page
child-names = Имена
col-original = Исходное письмо
col-kind = Вид
child-facts = Запись
child-birth-place = Место рождения
child-list = Список
child-documents = Документы, удостоверяющие личность
child-circumstances = Особые обстоятельства
child-custody = История опеки
custody-since = С
custody-kind = Где
custody-place = Место
custody-address = Адрес
custody-none = Опека не зафиксирована.
child-case = Дело
case-state = Состояние
case-history = История дела
case-history-none = Ещё не сделано ни одного шага.
col-when = Когда
col-step = Шаг
col-from = Из состояния
col-to = В состояние
col-note = Примечание
case-none = Для этого ребёнка дело не открыто.
case-actions = Следующие шаги
case-actions-none = Ваша роль не позволяет сделать шаг по этому делу в его нынешнем состоянии.
case-reason = Причина (обязательно)
case-done = Теперь дело в состоянии «{ $state }».
case-refused = Шаг не сделан: { $reason }
child-family = Семья
family-none = Ни один член семьи не зафиксирован.
col-relationship = Родство
col-status = Положение
child-tracing = Запросы о розыске
tracing-none = К этому ребёнку не привязан ни один запрос о розыске.
child-access-log = Журнал доступа
access-none = Доступов ещё не зафиксировано.
col-who = Кто
col-via = Через
child-not-found = Такой записи нет, или она вне вашего доступа.

## Tracing requests
tracing-title = Запросы о розыске
tracing-count = { $count ->
    [one] { $count } запрос о розыске
    [few] { $count } запроса о розыске
    [many] { $count } запросов о розыске
   *[other] { $count } запроса о розыске
}
col-child-sought = Кого ищут
col-requester = Кто просит
col-filed-by = Подан через
col-last-seen = Последний раз видели
tracing-status-open = Открыт
tracing-status-linked = Привязан к ребёнку
tracing-list-none = В вашем доступе нет запросов о розыске.

## Errors
error-title = Что-то пошло не так
error-internal = Не удалось показать страницу. Попробуйте ещё раз через минуту; если это повторяется, сообщите координатору.
error-not-found = Такой страницы нет, или она вне вашего доступа.
error-forbidden = Ваша роль не даёт доступа к этой странице.
error-bad-request = Форма отправлена не с этого сайта. Обновите страницу и попробуйте ещё раз.
error-back = Назад к обзору

## Public report
public-title = Публичный отчёт
public-intro = Сколько детей сообщила каждая сторона и насколько продвинулись их дела. Ни один ребёнок или родственник здесь не назван.
public-small-counts = Числа от 1 до 4 показаны как <5, чтобы малое число не указывало на семью.
public-by-party = Дети по стороне, которая о них сообщила
public-reported = Сообщено
public-matched = Сопоставлено
public-returned = Возвращены домой
public-matched-note = Сопоставлено: дети, по которым открыто дело. Проверено, одобрено, возвращены домой: дети, чьё дело дошло до этого шага.
public-checkpoint = Контрольная точка реестра, на которой вычислены эти числа
public-checkpoint-size = Записей: { $size }; подписано посредником и заверено свидетелями сторон ниже.

## Dashboard: witnesses
dashboard-witnesses = Свидетели сторон
dashboard-ledger-size = Записей в реестре: { $size }.
dashboard-cosigned-nothing = пока ничего
col-witness = Ключ свидетеля
col-cosigned = Заверено до
col-behind = Отставание, записей

## Users, passwords and erasure
nav-users = Пользователи
users-title = Пользователи
users-add-title = Добавить пользователя
users-add-submit = Добавить
col-organisation = Организация
col-role = Роль
col-actions = Действия
users-active = Активен
users-disabled = Отключён
users-disable = Отключить
users-enable = Включить
users-new-password = Новый пароль
users-new-password-for = Новый пароль для { $login }
users-set-password = Установить пароль
users-done-added = Пользователь добавлен.
users-done-disabled = Пользователь отключён: он больше не может войти, все его сеансы и токены завершены.
users-done-enabled = Пользователь снова может войти.
users-done-password = Пароль установлен; все сеансы и токены этого пользователя завершены.
users-error-login = Логин — от 2 до 64 символов: буквы, цифры, «.», «-» и «_».
users-error-role = Эта роль недоступна в этой организации.
users-error-login-taken = Этот логин занят; выберите другой.
users-error-self = Вы не можете отключить себя; это может сделать другой администратор.
users-error-already-disabled = Этот пользователь уже отключён.
users-error-not-disabled = Этот пользователь не отключён.
users-error-refused = Изменение отклонено; ничего не изменено.
password-rule = Пароль должен содержать не меньше 10 символов.
error-busy = Сервер сейчас проверяет слишком много паролей. Попробуйте снова через секунду.
error-already-done = Это уже сделано; ничего не изменено.
account-password-title = Сменить пароль
account-password-intro = Когда пароль сменится, ваши другие сеансы на всех устройствах завершатся; этот продолжится.
account-current-password = Текущий пароль
account-repeat-password = Новый пароль ещё раз
account-password-submit = Сменить пароль
account-password-done = Пароль изменён. Ваши другие сеансы завершены.
account-error-mismatch = Два новых пароля различаются. Введите один и тот же пароль дважды.
account-error-current = Текущий пароль неверен; ничего не изменено.
erase-title = Стереть персональные данные
erase-child-intro = Стирает имена, даты, места, родственников, опеку, заметки дел и копии в связанных запросах на розыск. Запись, её дела и доказательства реестра остаются. Это нельзя отменить.
erase-reason = Причина
erase-reason-family_request = По просьбе семьи
erase-reason-retention_period_ended = Срок хранения истёк
erase-reason-court_order = По решению суда
erase-confirm = Я понимаю, что это нельзя отменить
erase-submit = Стереть
erase-done = Персональные данные стёрты.
erase-unconfirmed = Выберите причину и отметьте поле подтверждения; ничего не стёрто.
tracing-status-erased = Стёрто

## Organisations and witness keys
nav-organisations = Организации
orgs-title = Организации
orgs-add-title = Зарегистрировать организацию
orgs-add-submit = Зарегистрировать
orgs-name = Название
orgs-kind = Вид
orgs-side = Сторона
orgs-side-hint = Сторона конфликта — это сторона A или B; у посредника и государств транзита стороны нет.
org-kind-mediator = Посредник
org-kind-party = Сторона конфликта
org-kind-transit = Государство транзита
orgs-witness = Ключ свидетеля
orgs-no-witness = Свидетеля пока нет
orgs-witness-for = Ключ свидетеля для { $name }
orgs-witness-submit = Зарегистрировать ключ
orgs-witness-hint = Сторона создаёт ключ на своём компьютере командой homeward ledger keygen и присылает напечатанный открытый ключ; с этого момента она подписывает реестр командой homeward ledger cosign. Регистрация ключа — событие реестра.
orgs-done-added = Организация зарегистрирована.
orgs-done-witness = Ключ свидетеля зарегистрирован; теперь подписи стороны проверяются по нему.
orgs-error-side = Укажите название; стороне конфликта нужна сторона A или B, и только она её имеет.
orgs-error-taken = Организация с таким названием уже существует.
orgs-error-witness = Это не ключ свидетеля: вставьте строку, которую напечатала команда homeward ledger keygen (имя+идентификатор+base64), для стороны конфликта.
orgs-error-witness-taken = Этот ключ или ключ с таким именем принадлежит другой организации.

## Exports
export-download = Скачать этот список:
export-hint = Каждый ребёнок в файле будет записан в журнал доступа.

## The review queue of matches
nav-matches = Совпадения
matches-title = Совпадения для проверки
matches-status = Состояние
matches-band = Оценка
matches-band-all = Любая оценка
matches-band-high = Высокая (от 90 %)
matches-band-medium = Средняя (50–90 %)
matches-band-low = Низкая (ниже 50 %)
matches-filter = Показать
matches-count = { $count ->
    [one] { $count } совпадение
    [few] { $count } совпадения
    [many] { $count } совпадений
   *[other] { $count } совпадения
}
matches-position = Совпадение { $position }
match-kind-parties = Записи обеих сторон
match-kind-duplicate = Дважды в одном списке
match-kind-tracing = Ребёнок и запрос на розыск
matches-renamed = Оба имени разные, а отчество, дата и место рождения совпадают: возможно, ребёнка переименовали при усыновлении. Проверьте документы.
matches-field = Поле
matches-open-record = открыть
matches-agreement = Совпадение
matches-weight = Вес
matches-names = Имена
matches-erased = Стёрто
match-field-family_name = Фамилия
match-field-given_name = Имя
match-field-patronymic = Отчество
match-field-sex = Пол
match-field-birth_date = Дата рождения
match-field-birth_place = Место рождения
match-level-agree = Одинаково
match-level-exact = Одинаково
match-level-key = То же имя, другое написание
match-level-group = То же имя, другая форма
match-level-similar = Похоже
match-level-near = Близко
match-level-differ = Различается
match-level-mismatch = Различается
match-level-missing = Нет
match-level-unknown = Не сравнивается
match-level-day_month_swap = День и месяц переставлены
match-level-one_digit_typo = Отличается одна цифра
match-level-two_digits = Отличаются две цифры
match-level-year_month = Тот же год и месяц
match-level-year = Тот же год
match-level-not_counted = Не учитывается (об этом говорит имя)
match-level-year_off_1 = Разница в один год
matches-weight-hint = Вес — свидетельство каждого поля в битах: положительный — за одного ребёнка, отрицательный — против. Оценка складывает их с учётом того, насколько распространено имя.
matches-reason = Причина (необязательно)
matches-confirm = Тот же ребёнок
matches-reject = Разные дети
matches-unsure = Не уверен
match-status-pending = На проверке
match-status-unsure = Отмечено как неясное: решите, когда узнаете больше.
match-status-confirmed = Подтверждено: записи — один ребёнок.
match-status-rejected = Отклонено: двое разных детей.
matches-undo = Отменить это решение
matches-nav = Очередь
matches-prev = Предыдущее
matches-next = Следующее
matches-keys = Клавиши: C — тот же ребёнок, R — разные, U — не уверен, J — следующее, K — предыдущее.
matches-empty = Здесь нечего проверять.
matches-score = Оценка
matches-kind = Вид
matches-done-confirm = Подтверждено: две записи теперь — один ребёнок.
matches-done-reject = Отклонено.
matches-done-unsure = Отмечено как неясное.
matches-done-undo = Решение отменено; совпадение снова в очереди.
child-sources = Записи об этом ребёнке
child-sources-hint = Запись каждой стороны о ребёнке, объединённые подтверждённым совпадением.
child-source-party = Сторона
child-source-list = Список
child-source-external = Номер в списке
child-source-names = Имена

## Importing a party's list
nav-imports = Импорт
imports-title = Импорт списка стороны
imports-steps = Шаги
imports-step-upload = 1. Выберите файл
imports-step-check = 2. Проверьте его
imports-step-done = 3. Импортируйте
imports-upload-title = Список
imports-party = Сторона
imports-kind = Что в списке
imports-kind-children = Дети
imports-kind-tracing_requests = Запросы на розыск
imports-file = Файл (CSV или XLSX)
imports-list-name = Название списка (необязательно)
imports-lang = Язык имён
imports-lang-auto = По буквам
imports-check = Проверить файл
imports-hint = Ничего не сохраняется, пока вы не импортируете проверенный файл. Столбцы распознаются по названиям на английском, украинском или русском или по тегам HXL; строка с ошибкой останавливает весь файл.
imports-detected = Что содержит файл
imports-column = Столбец
imports-field = Поле
imports-preview = Первые строки
imports-row = Строка
imports-line = Линия
imports-value = Значение
imports-why = Почему
imports-problems = { $count ->
    [one] { $count } ошибка в файле
    [few] { $count } ошибки в файле
    [many] { $count } ошибок в файле
   *[other] { $count } ошибки в файле
}
imports-nothing-stored = Ничего не импортировано. Исправьте файл и проверьте его снова.
imports-would = Что сделает импорт
imports-rows = Строк
imports-new = Новых записей
imports-updated = Обновлённых записей
imports-unchanged = Без изменений
imports-commit = Импортировать этот список
imports-cancel = Выбрать другой файл
imports-done = Импортировано
imports-done-note = Список импортирован; импорт записан в реестр событий с SHA-256 файла.
imports-matches = Новых совпадений для проверки
imports-to-matches = Проверить совпадения
imports-another = Импортировать другой список
imports-error-form = Форму не удалось прочитать; выберите файл снова.
imports-error-party = Выберите одну из предложенных сторон.
imports-error-file = Выберите файл: присланный был пуст.
imports-error-unreadable = Этот файл не является списком: сохраните его как CSV или XLSX и попробуйте снова.
imports-error-expired = Проверенный файл больше не хранится (его держат 15 минут); проверьте его снова.

# casework
case-parties = Стороны дела
case-needs = Перед следующим шагом
need-identity = Документ или доказательство личности
need-family = Член семьи или опекун в записи
need-consent = Согласие родителя или опекуна
need-best-interests = Оценка наилучших интересов в пользу возвращения
need-child-views = Собственное мнение ребёнка
need-approval-a = Одобрение первой стороны
need-approval-b = Одобрение второй стороны
need-record = внесите ниже
case-actions-waiting = Следующий шаг появится, когда всё указанное выше будет внесено.
case-resolution = Решение по спору (обязательно)
action-resolve = Разрешить спор
decision-title = Решение вашей стороны
decision-legend = Решение
decision-approve = Одобрить
decision-object = Возразить
decision-dispute = Если возражаете — предмет спора
dispute-identity = Личность
dispute-family_link = Родственная связь
dispute-consent = Согласие
dispute-other = Другое
decision-note = Основание (обязательно для возражения)
decision-submit = Сохранить решение
decisions-title = Решения сторон
decisions-none = Ни одна сторона ещё не приняла решения.
col-decision = Решение
col-by = Кто внёс
evidence-title = Доказательства
evidence-none = В дело ещё не внесены доказательства.
evidence-method = Как проверено
evidence-kind-identity = Личность
evidence-kind-family = Родственная связь
evidence-kind-reunion = Воссоединение
evidence-kind-other = Другое
method-document_seen = Просмотрен документ
method-video_call = Видеозвонок с семьёй
method-photographs = Фотографии
method-biometric_report = Биометрическое заключение
method-dna_report = Заключение ДНК-экспертизы
method-interview = Собеседование
assessments-title = Наилучшие интересы, мнение ребёнка и согласие
consent-given-by = Согласие дал(а)
assessments-none = Ещё не внесены ни оценка, ни мнение ребёнка.
assessment-outcome = Вывод
assessment-best_interests = Оценка наилучших интересов
assessment-child_views = Мнение ребёнка
outcome-return = Возвращение отвечает наилучшим интересам ребёнка
outcome-no_return = Возвращение не отвечает наилучшим интересам ребёнка
outcome-undetermined = Ещё не определено
heard-in_person = Выслушан лично
heard-video_call = Выслушан по видеосвязи
heard-in_writing = Письменно
heard-through_representative = Через представителя
heard-not_obtainable = Невозможно получить
views-age-at = возраст: { $age }
record-title = Внести в дело
evidence-add = Добавить доказательство
evidence-description = Что просмотрено или получено
evidence-submit = Добавить доказательство
consent-title = Согласие
consent-nobody = В записи ребёнка ещё нет родителя или опекуна, который может дать согласие: добавьте его в разделе «Семья».
consent-member = Дал(а)
consent-note = Как получено и кто засвидетельствовал
consent-submit = Сохранить согласие
bi-title = Оценка наилучших интересов
bi-reasons = Обоснование
bi-submit = Сохранить оценку
views-title = Собственное мнение ребёнка
views-how = Как выслушан ребёнок
views-age = Возраст ребёнка на момент беседы
views-text = Словами самого ребёнка
views-hint = Ребёнка от 16 лет обязательно выслушивают.
views-hint-coordinator = Если мнение получить невозможно, укажите почему; ребёнка от 16 лет обязательно выслушивают.
views-submit = Сохранить мнение ребёнка
open-case-title = Открыть дело
open-case-hint = Дело касается стороны, сообщившей о ребёнке, и стороны, у которой ребёнок находится, — с противоположных сторон.
open-case-reporting = Сторона, сообщившая о ребёнке
open-case-holding = Сторона, у которой находится ребёнок
open-case-submit = Открыть дело
saved-case = Дело открыто.
saved-evidence = Доказательство внесено.
saved-consent = Согласие внесено.
saved-best-interests = Оценка наилучших интересов внесена.
saved-child-views = Мнение ребёнка внесено.
saved-decision = Решение вашей стороны внесено.
form-bad-kind = Выберите один из предложенных видов доказательства.
form-bad-method = Выберите один из предложенных способов проверки.
form-need-description = Опишите доказательство (до 2000 символов).
form-need-member = Выберите, кто дал согласие.
form-need-consent-note = Укажите, как получено согласие и кто его засвидетельствовал.
form-bad-outcome = Выберите один из предложенных выводов.
form-need-reasons = Приведите обоснование оценки.
form-bad-heard = Выберите, как выслушан ребёнок.
form-bad-age = Укажите возраст ребёнка целым числом лет.
form-need-views = Запишите мнение ребёнка или причину, по которой его невозможно получить.
form-need-decision = Выберите «одобрить» или «возразить».
form-bad-dispute = Выберите предмет возражения.
form-need-objection-reason = Возражение требует основания.
nav-cases = Дела
cases-title = Доска дел
cases-by-state = Дела по состоянию
cases-stalled-days = Застой после (дней без изменений)
cases-only-stalled = Только дела в застое
cases-found = { $count ->
    [one] { $count } дело
    [few] { $count } дела
   *[other] { $count } дел
}
cases-none = Ни одно дело не соответствует этим фильтрам.
cases-days-in-state = В этом состоянии
cases-last-change = Последнее изменение
cases-days = { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
}
cases-days-ago = { $days ->
    [0] сегодня
    [one] { $days } день назад
    [few] { $days } дня назад
   *[other] { $days } дней назад
}
cases-stalled = застой
cases-uncased = { $count ->
    [one] { $count } ребёнок без открытого дела
    [few] { $count } ребёнка без открытого дела
   *[other] { $count } детей без открытого дела
}
cases-uncased-none = У каждого ребёнка в реестре есть открытое дело.

# record forms
record-register-link = Зарегистрировать ребёнка
record-register-title = Регистрация ребёнка
record-register-submit = Зарегистрировать ребёнка
record-edit-link = Редактировать запись
record-edit-title = Редактирование записи ребёнка
record-edit-submit = Сохранить запись
record-back = Страница ребёнка
record-cancel = Отмена
record-problems = Ничего не сохранено. Исправьте отмеченное:
record-whose-list = Чей список
record-party = Сторона, в список которой входит ребёнок
record-choose = Выберите…
record-own-list = Ребёнок будет внесён в список: { $party }.
record-list-name = Название списка
record-list-name-hint = Если не заполнено: «Registered in the web UI».
record-names = Имена
record-names-hint = Каждое написание имени ребёнка, любым письмом: как записано, как в документе, прежнее имя. Первое — имя как записано. Пустые строки не учитываются.
record-name-n = Написание { $row }
record-given-name = Имя
record-patronymic = Отчество
record-family-name = Фамилия
record-name-lang = Язык и письмо
record-name-kind = Вид написания
record-lang-uk = Украинский (кириллица)
record-lang-ru = Русский (кириллица)
record-lang-uk-Latn = Украинский латиницей
record-lang-ru-Latn = Русский латиницей
record-lang-en = Английский
record-lang-ar = Арабский
record-sex-and-birth = Пол и рождение
record-birth-date = Дата рождения
record-birth-date-hint = Точная или неполная: 2014-03-21, 2014-03 или 2014 (или 21.03.2014, 03.2014).
record-birth-age = Или примерный возраст (лет)
record-birth-age-on = Дата оценки
record-birth-age-hint = Когда известен только возраст: день, когда он оценён; если не заполнено — сегодня.
record-place-lang = Язык названия места
record-documents-hint = Строки без номера не учитываются.
record-document-n = Документ { $row }
record-document-kind = Вид
record-document-number = Номер
record-document-issued-by = Государство выдачи
record-doc-birth_certificate = Свидетельство о рождении
record-doc-passport = Паспорт
record-doc-internal_passport = Внутренний паспорт
record-doc-other = Другой документ
record-circumstances-hint = Отметьте всё, что относится к ребёнку; примечание необязательно.
record-note = Примечание (необязательно)
record-note-on = Примечание: { $what }
record-error-party = Сторона: выберите одну из предложенных сторон.
record-error-list-name-long = Название списка: не более { $max } символов.
record-error-name-missing = Имена: напишите хотя бы одно имя (имя или фамилию).
record-error-name-empty = Написание { $row }: напишите имя или фамилию, а не только отчество.
record-error-name-long = Написание { $row }: каждая часть имени — не более { $max } символов.
record-error-name-lang = Написание { $row }: выберите язык и письмо из списка.
record-error-name-kind = Написание { $row }: выберите вид написания из списка.
record-error-sex = Пол: выберите женский, мужской или «неизвестно».
record-error-birth-date = Дата рождения: напишите существующую дату между 1900 и 2100 годами, как 2014-03-21, 2014-03 или 2014 (или 21.03.2014, 03.2014).
record-error-birth-both = Дата рождения: укажите дату или примерный возраст, но не то и другое.
record-error-birth-age = Примерный возраст: напишите целое число лет от 0 до 25 и существующую дату оценки.
record-error-birth-place-long = Место рождения: не более { $max } символов.
record-error-birth-place-lang = Место рождения: выберите язык названия из списка.
record-error-document-number = Документ { $row }: напишите его номер или очистите строку.
record-error-document-long = Документ { $row }: номер и государство выдачи — не более { $max } символов каждое.
record-error-document-kind = Документ { $row }: выберите вид документа из списка.
record-error-note-long = Примечание «{ $what }»: не более 10 000 символов.
record-error-refused = Реестр не принял запись в таком виде: проверьте имена и попробуйте ещё раз.
record-error-erased = Персональные данные этого ребёнка стёрты: запись не принимает новых персональных данных.
record-family-add = Добавить члена семьи или опекуна
record-family-submit = Добавить в запись
record-status-hint = Например: под стражей с 2023 года; местонахождение неизвестно.
record-contact = Как связаться
record-contact-hint = Телефон, адрес или посредник. Другая сторона этого не видит.
record-custody-add = Записать, где живёт ребёнок
record-custody-submit = Записать опеку
record-since-hint = 2024-03-01, 2024-03 или 2024.
record-address-hint = Другая сторона не видит адрес.
record-error-relationship = Родство: выберите из списка.
record-error-family-name = Имя: напишите имя или фамилию.
record-error-family-name-long = Имя: каждая часть — не более { $max } символов.
record-error-family-lang = Язык и письмо: выберите из списка.
record-error-status-long = Положение: не более { $max } символов.
record-error-contact-long = Как связаться: не более { $max } символов.
record-error-custody-kind = Где: выберите один из предложенных вариантов.
record-error-custody-since = С: напишите существующую дату между 1900 и 2100 годами, как 2024-03-01, 2024-03 или 2024 (или 01.03.2024, 03.2024).
record-error-custody-place = Место: напишите название места.
record-error-custody-place-long = Место: не более { $max } символов.
record-error-custody-address-long = Адрес: не более { $max } символов.

# the domain's rules, as refusals name them
rule-role-not-allowed = { $role } не может выполнить шаг «{ $action }»
rule-not-escort-of-trip = только сопровождающие рейса этого дела могут выполнить шаг «{ $action }»
rule-party-not-concerned = сторона действует только по делам, поданным ей
rule-wrong-state = дело в состоянии «{ $state }» не допускает шага «{ $action }»
rule-reason-required = шаг «{ $action }» требует основания
rule-no-identity = для подтверждения личности нужен документ или доказательство личности в деле
rule-no-family = для установления семьи нужен член семьи или опекун в записи
rule-no-consent = согласие родителя или опекуна не внесено
rule-consent-by-stranger = согласие дал человек, которого нет среди семьи ребёнка
rule-consent-by-non-guardian = согласие дал родственник, который не может его давать (должен родитель, дедушка, бабушка или законный опекун)
rule-same-parties = перед подачей дело должно касаться двух разных сторон
rule-no-best-interests = перед подачей нужно внести оценку наилучших интересов
rule-best-interests-against = последняя оценка не признаёт возвращение отвечающим наилучшим интересам ребёнка
rule-no-child-views = перед подачей нужно внести собственное мнение ребёнка
rule-party-objected = сторона { $party } возразила против этого дела
rule-party-not-approved = сторона { $party } ещё не одобрила это дело
rule-nothing-to-resume = делу не к какому состоянию вернуться
rule-decision-needs-submitted = сторона принимает решение после подачи дела; это дело в состоянии «{ $state }»
rule-booking-needs-approved = дело включают в рейс после одобрения обеими сторонами; это дело в состоянии «{ $state }»
rule-handover-needs-transit = передачу вносят, когда ребёнок в пути; это дело в состоянии «{ $state }»
rule-follow-up-needs-reunion = последующее посещение вносят после воссоединения; это дело в состоянии «{ $state }»
rule-views-too-old = мнение ребёнка вносят до 17 лет
rule-views-no-words = запишите мнение ребёнка его собственными словами
rule-views-no-reason = укажите, почему мнение ребёнка невозможно получить
rule-views-only-coordinator = только координатор может внести, что мнение ребёнка невозможно получить
rule-views-must-be-heard = ребёнка от 16 лет обязательно выслушивают; его мнение нельзя внести как неполученное
saved-consent-withdrawal = Отзыв согласия внесён; дело приостановлено.
withdrawal-title = Согласие отозвано
withdrawal-hint = Дело будет приостановлено; дальше этапа согласия оно пойдёт только после нового согласия.
withdrawal-reason = Почему — как сказал человек
withdrawal-submit = Внести отзыв
form-need-withdrawal-reason = Отзыв согласия требует причины.
users-done-role = Роль изменена; она действует со следующей страницы пользователя.
users-error-role-change = Эта роль не подходит организации пользователя, или это ваша собственная учётная запись.
users-error-same-role = У пользователя уже есть эта роль.
users-role-for = Новая роль для { $login }
users-change-role = Изменить роль
case-add-party = Добавить ведомство одной из сторон
case-add-party-submit = Добавить в дело
saved-party = Ведомство теперь причастно к делу и принимает решение самостоятельно.
form-need-party = Выберите ведомство, которое нужно добавить.
need-trip = Включено в рейс с этапами и сопровождающим
need-handover = Передача внесена в рейсе
group-siblings = Подаётся и одобряется вместе с братьями и сёстрами
group-travel_together = Подаётся и одобряется вместе с детьми, которые едут вместе
group-member = дело
group-hint = Дела группы подаются вместе и одобряются, когда одобрено последнее из них.
group-title = Объединить с братьями и сёстрами
group-form-hint = Дети с той же фамилией, чьи дела ещё не поданы.
group-with = Объединить с
group-kind = Почему вместе
group-submit = Объединить дела
saved-group = Дела объединены: их подают и одобряют вместе.
form-bad-group-kind = Выберите, почему дети должны быть вместе.
form-need-group = Отметьте дело хотя бы ещё одного ребёнка.
need-group = Другие дела группы тоже готовы
rule-group-not-ready = дела группы подаются вместе, а другое дело этой группы ещё не готово
tracing-outcome-found = Закрыт: найден
tracing-outcome-not_found = Закрыт: не найден
tracing-outcome-withdrawn = Закрыт: отозван семьёй
tracing-close-outcome = Чем завершился запрос
tracing-close = Закрыть запрос
tracing-closed = Запрос на розыск закрыт.

# Transit: the rules a trip keeps
action-cancel_transit = Снять с рейса
action-reopen = Открыть дело снова
custody-escort = С сопровождающими
custody-transit_state = У должностных лиц транзитного государства
rule-trip-step = этот шаг делается в поездке: бронирование планирует переезд, вылет первого этапа начинает его, а передача в конце последнего этапа завершает
rule-no-final-handover = для воссоединения нужна передача ребёнка в конце пути члену семьи или опекуну
rule-follow-ups-incomplete = график последующих посещений не выполнен; координатор может закрыть дело, указав причину
trip-rule-no-name = поездке нужно название
trip-rule-no-legs = поездке нужен хотя бы один этап
trip-rule-leg-places = для этапа { $leg } нужны место отправления и место прибытия
trip-rule-leg-times = этап { $leg } должен прибыть после отправления
trip-rule-leg-order = этап { $leg } отправляется раньше, чем прибывает предыдущий
trip-rule-not-transit-state = этап { $leg } называет организацию, которая не является транзитным государством
trip-rule-not-escort = каждый сопровождающий должен быть пользователем с ролью сопровождающего
trip-rule-legs-changed = перенесённая поездка сохраняет свои этапы и их транзитные государства; отмените её и запланируйте другую
trip-rule-cancelled = поездка отменена
trip-rule-departed = поездка уже началась; её план, бронирования и сопровождающие больше не меняются
trip-rule-leg-departed = этап { $leg } уже отправился; он больше не меняется
trip-rule-already-booked = дело уже забронировано на поездку
trip-rule-over-capacity = в поездке свободных мест: { $free }, а бронированию нужно { $needed }
trip-rule-escort-ratio = для этапа { $leg } нужно сопровождающих: { $needed } (норма сопровождения), а есть { $escorts }
trip-rule-group-split = дела группы едут вместе: каждое дело группы должно быть одобрено и свободно для бронирования
trip-rule-not-leg-transit-state = разрешение для этапа { $leg } записывает только должностное лицо его транзитного государства
trip-rule-no-transit-state = этап { $leg } не проходит через транзитное государство; разрешение не нужно
trip-rule-no-clearance = у этапа { $leg } ещё нет разрешения транзитного государства
trip-rule-clearance-refused = транзитное государство отказало в разрешении для этапа { $leg }
trip-rule-before-not-arrived = этап { $leg } отправляется только после прибытия этапа { $before }
trip-rule-not-departed = этап { $leg } ещё не отправился
trip-rule-already-departed = этап { $leg } уже отправился
trip-rule-handover-missing = передача ребёнка в конце этапа { $leg } ещё не записана
trip-rule-no-reference = в разрешении указывают регистрационный номер транзитного государства
trip-rule-no-cancel-reason = для отмены поездки нужна причина
trip-rule-escorts-per-leg = сопровождающих назначают для каждого этапа поездки
trip-rule-already-arrived = этап { $leg } уже прибыл
trip-rule-nobody-booked = на поездку не забронировано ни одного ребёнка
trip-rule-case-not-ready = дело, забронированное на поездку, в состоянии «{ $state }»; сначала возобновите его или снимите с рейса
trip-rule-not-on-trip = ребёнок не забронирован на эту поездку
trip-rule-handover-skipped = передачу на этапе { $expected } нужно записать раньше, чем на этапе { $leg }
trip-rule-handover-twice = передача ребёнка на этапе { $leg } уже записана
trip-rule-receiver-not-official = до последнего этапа ребёнка передают должностному лицу транзитного государства этого этапа
trip-rule-receiver-not-family = в конце пути ребёнка передают члену семьи или опекуну
trip-rule-receiver-not-consenting = ребёнка передают только члену семьи с родительскими правами, чьё согласие записано
trip-rule-handover-details = в передаче указывают принявшее ребёнка должностное лицо и место

# Trips in the browser and their printed documents
nav-trips = Поездки
trips-title = Поездки
trips-none = В вашем поле зрения нет поездок.
trip-name = Поездка
trip-status = Состояние
trip-route = Маршрут
trip-departs = Отправление
trip-arrives = Прибытие
trip-places = Забронировано детей / мест
trip-kind = Вид
trip-kind-charter_flight = Чартерный рейс
trip-kind-scheduled_flight = Регулярный рейс
trip-kind-road_convoy = Автоколонна
trip-status-planned = Запланирована
trip-status-underway = В пути
trip-status-completed = Завершена
trip-status-cancelled = Отменена
trip-plan = Запланировать поездку
trip-plan-hint = Этапы ведут от места, где находятся дети (например, посольства), через транзитные государства к месту назначения. Время — по UTC.
trip-carrier = Перевозчик
trip-capacity = Мест для детей
trip-leg-n = Этап { $leg }
trip-leg-optional = (необязательно)
trip-leg-own-escorts = Другие сопровождающие на этом этапе
trip-add-leg = Добавить этап
trip-from = Откуда
trip-to = Куда
trip-transit-state = Транзитное государство
trip-no-transit = Нет
trip-leg-carrier = Рейс или колонна
trip-departs-utc = Отправление (UTC)
trip-arrives-utc = Прибытие (UTC)
trip-escorts = Сопровождающие
trip-escorts-hint = Сопровождающие всех этапов, если у этапа нет своих.
trip-no-escorts = Ни у одного пользователя ещё нет роли сопровождающего.
trip-plan-submit = Запланировать
trip-legs = Этапы
trip-clearance = Разрешение
trip-clearance-granted = Выдано
trip-clearance-refused = Отказано
trip-clearance-pending = Ожидается
trip-clearance-none = Не нужно
trip-reference = Регистрационный номер
trip-departed = Отправился
trip-arrived = Прибыл
trip-print-manifest = Распечатать манифест
trip-print-receipts = Распечатать акты передачи
trip-clearance-title = Разрешение вашего государства на этот этап
trip-clearance-answer = Решение
trip-clearance-grant = Выдать
trip-clearance-refuse = Отказать
trip-conditions = Условия
trip-clearance-submit = Записать разрешение
trip-time-utc = Время (UTC)
trip-depart = Записать отправление
trip-arrive = Записать прибытие
trip-escorts-change = Сопровождающие этого этапа
trip-escorts-submit = Сохранить сопровождающих
trip-children = Дети в поездке
trip-children-none = На эту поездку ещё не забронировано ни одного ребёнка.
trip-handover-at-leg = Передача в конце этапа { $leg }
trip-handover-title = Записать передачу в конце этапа { $leg }
trip-handover-no-guardian = Согласие родителей или опекуна не записано: ребёнка нельзя передать.
trip-handover-to-guardian = Передаётся
trip-handover-org = Принимающая организация
trip-handover-official = Имя принимающего должностного лица
trip-handover-submit = Записать передачу
trip-book = Забронировать одобренное дело
trip-book-hint = Дело из группы бронируют вместе со всей группой или не бронируют вовсе.
trip-book-none = Ни одно одобренное дело не ждёт поездки.
trip-book-case = Дело
trip-book-submit = Забронировать на эту поездку
trip-reschedule = Перенести
trip-reschedule-submit = Сохранить новое время
trip-cancel = Отменить поездку
trip-cancel-hint = Забронированные дети возвращаются в состояние «одобрено» и могут быть забронированы на другую поездку.
trip-cancel-submit = Отменить поездку
trip-in-group = вместе с группой
trip-refused = Не записано: { $reason }.
trip-saved-planned = Поездка запланирована.
trip-saved-booked = Забронировано на поездку.
trip-saved-escorts = Сопровождающие сохранены.
trip-saved-clearance = Разрешение записано.
trip-saved-departure = Отправление записано.
trip-saved-arrival = Прибытие записано.
trip-saved-handover = Передача записана.
trip-saved-rescheduled = Новое время сохранено.
trip-saved-cancelled = Поездка отменена.
trip-form-name = Дайте поездке название.
trip-form-kind = Выберите вид поездки.
trip-form-capacity = Мест для детей: число от 1 до 10000.
trip-form-times = Укажите для каждого этапа время отправления и прибытия.
trip-form-places = Укажите для каждого этапа место отправления и назначения.
trip-form-legs = Поездке нужен хотя бы один этап.
trip-form-case = Выберите дело для бронирования.
trip-form-reason = Укажите причину.
trip-form-granted = Выберите, выдано разрешение или отказано.
trip-form-reference = Укажите регистрационный номер.
trip-form-receiver = Укажите, кто принял ребёнка.
trip-form-place = Укажите, где передан ребёнок.
doc-manifest = Манифест
doc-receipt = Акт передачи
doc-trip = Поездка
doc-leg = Этап
doc-from = Откуда
doc-to = Куда
doc-transit-state = Транзитное государство
doc-carrier = Рейс или колонна
doc-departs = Отправление
doc-arrives = Прибытие
doc-escorts = Сопровождающие
doc-child = Ребёнок
doc-name-latin = Имя латиницей
doc-name-original = Имя, как записано
doc-birth-date = Дата рождения
doc-sex = Пол
doc-documents = Документы
doc-goes-to = Передаётся
doc-medical-needs = Медицинские потребности
doc-handed-over-by = Передал
doc-received-by = Принял
doc-place = Место
doc-time = Время
doc-signature = Подпись
doc-generated = Распечатано
doc-confidential = Конфиденциально: персональные данные детей. Не копировать и не оставлять без присмотра.
doc-erased = (персональные данные стёрты)
doc-unknown = неизвестно
need-final-handover = Передача в конце пути родителям или опекуну
need-follow-up-schedule = Все последующие посещения по графику
follow-up-title = Последующее посещение
follow-up-hint = Посещения идут по графику после воссоединения; дело закрывается, когда все записаны, или координатор объясняет, почему нет.
follow-up-note = Что установлено при посещении
follow-up-submit = Записать посещение
follow-ups-title = График последующих посещений
follow-ups-visit = Посещение
follow-ups-when = Срок
follow-ups-month = { $months ->
    [one] { $months } месяц после воссоединения
    [few] { $months } месяца после воссоединения
    [many] { $months } месяцев после воссоединения
   *[other] { $months } месяца после воссоединения
}
follow-ups-extra = Сверх графика
follow-ups-recorded = Записано
follow-ups-overdue = Просрочено
follow-ups-pending = Ещё нет
saved-follow-up = Последующее посещение записано.
form-need-follow-up = Укажите, что установлено при посещении.
