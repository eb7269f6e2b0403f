import russian from "ra-language-russian";
import type { OwnMessages } from "./en";

/** Each leaf with several forms lists them as polyglot does for Russian: one (1, 21), few (2–4), many (5–20). */
const own: OwnMessages = {
  app: {
    language: "Русский",
    languages: { ru: "Русский", en: "Английский" },
    language_not_saved: "Язык не сохранён для ваших писем: %{error}",
    title: "Панель управления supplynet",
    levels: {
      factory: "Завод",
      distributor: "Дистрибьютор",
      dealership: "Дилерский центр",
      retail_chain: "Крупная розничная сеть",
      entrepreneur: "Индивидуальный предприниматель",
    },
    tasks: {
      "accrue-debt": "Начисление долга",
      "repay-debt": "Погашение долга",
    },
    jobs: { queued: "в очереди", active: "выполняется", completed: "завершена", failed: "с ошибкой" },
    debt_kinds: {
      opening: "Начальный долг",
      accrual: "Начисление",
      repayment: "Погашение",
      staff_clear: "Списание администратором",
      job_clear: "Списание фоновой задачей",
      correction: "Исправление",
      deletion: "Удаление компании",
      rollup: "Итог за месяц",
    },
    debt_chart: {
      summary:
        "%{title}, с %{from} по %{to}: в начале %{first}, в конце %{last}, наибольший %{max} (%{count} день) |||| %{title}, с %{from} по %{to}: в начале %{first}, в конце %{last}, наибольший %{max} (%{count} дня) |||| %{title}, с %{from} по %{to}: в начале %{first}, в конце %{last}, наибольший %{max} (%{count} дней)",
      empty: "За эти дни долг не менялся.",
    },
    auth: {
      log_in: "Войдите в систему.",
      session_expired: "Сеанс истёк. Войдите снова.",
    },
    errors: { server_status: "Сервер ответил кодом %{status}." },
    dashboard: {
      total_debt: "Общий долг",
      summary:
        "%{count} компания, средний долг %{average} |||| %{count} компании, средний долг %{average} |||| %{count} компаний, средний долг %{average}",
      per_level: "Компании по уровням",
      top_debtors: "Крупнейшие должники",
      above_average: {
        title: "Долг выше среднего",
        summary:
          "компания должна больше среднего, %{average} |||| компании должны больше среднего, %{average} |||| компаний должны больше среднего, %{average}",
        share: "Вместе %{total}: %{share} общего долга",
        show_all: "Открыть список этих компаний",
        none: "Ни одна компания не должна больше среднего.",
      },
      load_failed: "Не удалось загрузить статистику: %{error}",
      debt_chart: "Общий долг по дням",
      tasks: {
        title: "Плановые задачи",
        empty: "Плановых задач нет.",
        task: "Задача",
        schedule: "Расписание (cron)",
        last_run: "Последний запуск",
        companies: "Компании",
        total_change: "Изменение долга",
        next_run: "Следующий запуск",
        never: "ещё не запускалась",
      },
    },
    network: {
      title: "Сеть поставок",
      factory: "Завод",
      levels: "Уровни",
      tree: "Дерево поставок: %{name}",
      node: "%{name} (%{level}), долг %{debt}",
      node_debt: "долг %{debt}",
      node_factory: "завод",
      summary:
        "%{name}: в сети поставок %{count} компания. Нажмите на компанию, чтобы изменить её. |||| %{name}: в сети поставок %{count} компании. Нажмите на компанию, чтобы изменить её. |||| %{name}: в сети поставок %{count} компаний. Нажмите на компанию, чтобы изменить её.",
      no_factory: "Заводов пока нет: создайте завод в разделе «Компании».",
      load_failed: "Не удалось загрузить дерево: %{error}",
    },
    register: {
      title: "Регистрация в supplynet",
      first_name: "Имя",
      last_name: "Фамилия",
      password: "Пароль",
      repeat: "Повторите пароль",
      submit: "Создать учётную запись",
      passwords_differ: "Пароли не совпадают.",
      rules: {
        title: "Пароль должен:",
        length:
          "содержать хотя бы %{count} символ; |||| содержать хотя бы %{count} символа; |||| содержать хотя бы %{count} символов;",
        spaces: "состоять не только из пробелов;",
        email: "не совпадать с адресом эл. почты или его частью до @;",
        common: "не входить в список распространённых паролей.",
      },
      no_token: "В ссылке нет кода приглашения. Откройте ссылку из письма.",
      ready: "Учётная запись %{email} готова.",
      api: "Сотрудники работают через API supplynet: получите токен запросом %{request}, указав свою эл. почту и пароль.",
      docs: "Описание API: %{docs}.",
      invitation: {
        employee: "Приглашение для %{email}, сотрудника компании «%{company}».",
        employee_from: "Приглашение для %{email}, сотрудника компании «%{company}», от %{inviter}.",
        staff: "Приглашение для %{email}, администратора панели управления.",
        staff_from: "Приглашение для %{email}, администратора панели управления, от %{inviter}.",
      },
      staff: "Администраторы работают в этой панели управления:",
    },
    account: {
      log_in: "Войти",
      forgot_link: "Забыли пароль?",
      password: {
        menu: "Сменить пароль",
        title: "Смена пароля",
        current: "Текущий пароль",
        new: "Новый пароль",
        repeat: "Повторите новый пароль",
        submit: "Сменить пароль",
        changed: "Пароль изменён. Остальные сеансы завершены.",
      },
      forgot: {
        title: "Восстановление пароля",
        intro: "Укажите адрес эл. почты учётной записи: на него придёт ссылка для установки нового пароля.",
        email: "Эл. почта",
        submit: "Отправить ссылку",
      },
      reset: {
        title: "Новый пароль",
        staff: "Новый пароль для %{email}, администратора панели управления.",
        employee: "Новый пароль для %{email}, сотрудника компании «%{company}».",
        password: "Новый пароль",
        repeat: "Повторите новый пароль",
        submit: "Установить пароль",
        no_token: "В ссылке нет кода восстановления. Откройте ссылку из письма.",
        ask_again: "Запросить новую ссылку",
        staff_done: "Войдите с ним в панель управления:",
      },
    },
  },
  resources: {
    companies: {
      name: "Компания |||| Компании |||| Компаний",
      fields: {
        name: "Название",
        email: "Эл. почта",
        country: "Страна",
        city: "Город",
        street: "Улица",
        house_number: "Дом",
        level: "Уровень",
        supplier: "Поставщик",
        supplier_id: "Поставщик",
        debt: "Долг",
        has_debt: "Долг",
        opening_debt: "Начальный долг",
        debt_read_only: "Долг (меняется только при обнулении и плановыми задачами)",
        created_at: "Создана",
        product_ids: "Товары",
        product: "Продаёт товар",
        debt_min: "Долг от",
        debt_max: "Долг до",
        created_after: "Создана с",
        created_before: "Создана до",
      },
      page: { create: "Новая компания", edit: "Компания %{recordRepresentation}" },
      empty: "Компаний пока нет",
      invite: "Создать первую?",
      search: "Название или эл. почта",
      has_debt: { yes: "Есть долг", no: "Без долга" },
      created: {
        title: "Создана",
        today: "Сегодня",
        this_week: "На этой неделе",
        this_month: "В этом месяце",
        this_year: "В этом году",
      },
      hints: {
        level: "Уровень компании, которая сама снабжает другие, изменить нельзя.",
        choose_level_first: "Сначала выберите уровень: поставщик стоит на уровень выше.",
        factory: "Завод — вершина цепочки: у него нет ни поставщика, ни долга.",
        supplier_required: "Компании ниже уровня завода нужен поставщик.",
        supplier: {
          distributor:
            "Поставщиком дистрибьютора может быть только завод: поставщик всегда стоит ровно на уровень выше в цепочке.",
          dealership:
            "Поставщиком дилерского центра может быть только дистрибьютор: поставщик всегда стоит ровно на уровень выше в цепочке.",
          retail_chain:
            "Поставщиком крупной розничной сети может быть только дилерский центр: поставщик всегда стоит ровно на уровень выше в цепочке.",
          entrepreneur:
            "Поставщиком индивидуального предпринимателя может быть только крупная розничная сеть: поставщик всегда стоит ровно на уровень выше в цепочке.",
        },
        money: "Сумма вида 1234,56: до 13 цифр в целой части и до 2 знаков после запятой.",
        opening_debt:
          "Долг перед поставщиком, например 1234,56. После создания не редактируется; у завода долга нет.",
      },
      delete: {
        title: "Удалить эту компанию?",
        content: "Компанию, которая снабжает другие, удалить нельзя — сервер сообщит об этом.",
      },
      clients: {
        title: "Компании, которые она снабжает",
        empty: "Эта компания пока никого не снабжает.",
      },
      employees: {
        title: "Сотрудники",
        empty: "Сотрудников пока нет.",
        invite: "Пригласить сотрудника",
      },
      history: {
        title: "История долга",
        chart: "Долг по дням",
        empty: "Изменений долга здесь нет.",
        fields: {
          at: "Время",
          kind: "Вид",
          amount: "Изменение",
          balance: "Долг после",
          cause: "Причина",
          date_from: "С",
          date_to: "По",
        },
        causes: { staff: "Администратор", run: "Плановый запуск", job: "Фоновая задача" },
      },
      clear_debt: {
        button: "Обнулить долг",
        title: "Обнуление долга",
        content:
          "Обнулить долг %{count} компании (до %{zero})? Это действие нельзя отменить. |||| Обнулить долг %{count} компаний (до %{zero})? Это действие нельзя отменить. |||| Обнулить долг %{count} компаний (до %{zero})? Это действие нельзя отменить.",
        clearing: "Обнуление…",
        progress: "Задача: %{state}…",
        scheduled:
          "Задача поставлена в очередь: обнуление долга %{count} компании%{skipped}. |||| Задача поставлена в очередь: обнуление долга %{count} компаний%{skipped}. |||| Задача поставлена в очередь: обнуление долга %{count} компаний%{skipped}.",
        counting: "Считаем, сколько долга будет списано…",
        count_failed: "Не удалось посчитать, сколько долга будет списано: %{error}",
        written_off: "Будет списано %{amount}.",
        factories_left:
          "%{count} завод среди них ничего не должен и не затрагивается. |||| %{count} завода среди них ничего не должны и не затрагиваются. |||| %{count} заводов среди них ничего не должны и не затрагиваются.",
        unknown_left:
          "%{count} из них уже удалена. |||| %{count} из них уже удалены. |||| %{count} из них уже удалены.",
        background:
          "Компаний больше %{limit}: долг обнулит фоновая задача, а эта страница сообщит, когда она закончится.",
        cleared:
          "Долг обнулён у %{count} компании из %{selected}, списано %{amount}%{skipped} |||| Долг обнулён у %{count} компаний из %{selected}, списано %{amount}%{skipped} |||| Долг обнулён у %{count} компаний из %{selected}, списано %{amount}%{skipped}",
        skipped_factories:
          "; %{count} завод ничего не должен |||| ; %{count} завода ничего не должны |||| ; %{count} заводов ничего не должны",
        skipped:
          "; %{count} компания уже удалена |||| ; %{count} компании уже удалены |||| ; %{count} компаний уже удалены",
        failed: "Не удалось обнулить долг: %{error}",
        failed_plainly: "Не удалось обнулить долг.",
        unknown_error: "неизвестная ошибка",
        still_running: "Задача %{id} выполняется уже 10 минут. Её состояние можно проверить позже через API.",
      },
    },
    products: {
      name: "Товар |||| Товары |||| Товаров",
      fields: {
        name: "Название",
        model: "Модель",
        release_date: "Дата выпуска",
        created_at: "Добавлен",
      },
      page: { create: "Новый товар", edit: "Товар %{recordRepresentation}" },
      empty: "Товаров пока нет",
      invite: "Добавить первый?",
      search: "Название или модель",
      hints: { model: "Сочетание названия и модели должно быть уникальным." },
    },
    employees: {
      name: "Сотрудник |||| Сотрудники |||| Сотрудников",
      fields: {
        email: "Эл. почта",
        first_name: "Имя",
        last_name: "Фамилия",
        full_name: "Имя",
        company: "Компания",
        company_id: "Компания",
        is_active: "Активен",
        status: "Статус",
        invitation: "Приглашение",
        last_login_at: "Последний вход",
        language: "Язык писем",
      },
      page: { create: "Приглашение сотрудника", edit: "Сотрудник %{recordRepresentation}" },
      empty: "Сотрудников пока нет",
      invite: "Пригласить первого?",
      search: "Эл. почта или имя",
      status: { active: "Активен", deactivated: "Отключён" },
      deactivated: "отключён",
      never_logged_in: "ещё не входил",
      hints: {
        email: "Сюда придёт приглашение.",
        language: "На этом языке сотруднику придут приглашение и другие письма.",
        is_active: "Отключённый сотрудник больше не сможет войти, а его токены сразу перестанут действовать.",
      },
      invitation: { pending: "ожидает ответа", accepted: "принято", expired: "истекло" },
      invited: "Приглашение отправлено на %{email}",
      resend: { button: "Повторить приглашение", sent: "Новое приглашение отправлено на %{email}" },
    },
    staff: {
      name: "Администратор |||| Администраторы |||| Администраторов",
      fields: {
        email: "Эл. почта",
        first_name: "Имя",
        last_name: "Фамилия",
        full_name: "Имя",
        is_active: "Активен",
        status: "Статус",
        registered: "Зарегистрирован",
        last_login_at: "Последний вход",
        language: "Язык",
        created_at: "Приглашён",
      },
      page: { create: "Приглашение администратора", edit: "Администратор %{recordRepresentation}" },
      empty: "Администраторов пока нет",
      invite: "Пригласить?",
      search: "Эл. почта или имя",
      status: { active: "Активен", deactivated: "Отключён" },
      never_logged_in: "ещё не входил",
      hints: {
        email: "Сюда придёт приглашение.",
        language: "На этом языке придут приглашение и другие письма, и на нём откроется панель управления.",
        is_active:
          "Отключённый администратор больше не сможет войти, а его сеансы сразу завершатся. Нельзя отключить себя и последнего активного администратора.",
      },
      invited: "Приглашение отправлено на %{email}",
      resend: { button: "Повторить приглашение", sent: "Новое приглашение отправлено на %{email}" },
      toggle: {
        deactivate: "Отключить",
        activate: "Включить",
        deactivated: "%{email} отключён, его сеансы завершены",
        activated: "%{email} снова активен",
      },
    },
  },
};

// ra-language-russian 5.4.5 keeps a key react-admin no longer has; its wording is improved below.
const { prev: _stale, ...navigation } = russian.ra.navigation as Record<string, string>;

export default {
  ...russian,
  ra: {
    ...russian.ra,
    action: {
      ...russian.ra.action,
      bulk_actions:
        "Выбрана %{smart_count} запись |||| Выбраны %{smart_count} записи |||| Выбрано %{smart_count} записей",
      select_all_button: "Выбрать всё",
      unselect: "Снять выбор",
    },
    auth: {
      ...russian.ra.auth,
      username: "Эл. почта",
      email: "Эл. почта",
      user_menu: "Профиль",
      sign_in_error: "Не удалось войти, попробуйте снова",
    },
    guesser: {
      empty: {
        title: "Нет данных для показа",
        message: "Похоже, источник данных пуст.",
      },
    },
    message: {
      ...russian.ra.message,
      delete_content: "Вы уверены, что хотите удалить эту запись?",
      delete_title: "Удалить %{name} «%{recordRepresentation}»",
      bulk_delete_content:
        "Вы уверены, что хотите удалить %{smart_count} запись? |||| Вы уверены, что хотите удалить %{smart_count} записи? |||| Вы уверены, что хотите удалить %{smart_count} записей?",
      bulk_update_content:
        "Вы уверены, что хотите изменить %{smart_count} запись? |||| Вы уверены, что хотите изменить %{smart_count} записи? |||| Вы уверены, что хотите изменить %{smart_count} записей?",
      bulk_delete_title:
        "Удалить %{name} |||| Удалить %{smart_count} записи |||| Удалить %{smart_count} записей",
      bulk_update_title:
        "Изменить %{name} «%{recordRepresentation}» |||| Изменить %{smart_count} записи |||| Изменить %{smart_count} записей",
      loading: "Загрузка, подождите…",
      not_found: "Адрес набран с ошибкой, или ссылка неверна.",
    },
    navigation: { ...navigation, page_range_info: "%{offsetBegin}–%{offsetEnd} из %{total}" },
    notification: {
      ...russian.ra.notification,
      updated:
        "Изменения сохранены |||| Изменено записей: %{smart_count} |||| Изменено записей: %{smart_count}",
      created: "Запись создана",
      deleted: "Запись удалена |||| Удалено записей: %{smart_count} |||| Удалено записей: %{smart_count}",
      bad_item: "Неверная запись",
      item_doesnt_exist: "Такой записи нет",
      data_provider_error: "Ошибка обмена данными с сервером. Подробности — в консоли браузера.",
      logged_out: "Сеанс завершён, войдите снова",
    },
    page: {
      ...russian.ra.page,
      dashboard: "Сводка",
      edit: "%{name} «%{recordRepresentation}»",
      show: "%{name} «%{recordRepresentation}»",
      invite: "Создать первую запись?",
    },
    sort: { ...russian.ra.sort, sort_by: "Сортировать по полю «%{field_lower_first}» в порядке %{order}" },
    validation: {
      ...russian.ra.validation,
      number: "Должно быть числом",
      email: "Неверный адрес эл. почты",
      regex: "Неверный формат",
      minLength: "Минимальное число символов: %{min}",
      maxLength: "Максимальное число символов: %{max}",
    },
    configurable: {
      ...russian.ra.configurable,
      inspector: {
        ...(russian.ra.configurable?.inspector as Record<string, string>),
        content: "Наведите указатель на элемент страницы, чтобы настроить его",
      },
    },
  },
  ...own,
};
