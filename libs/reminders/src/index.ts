export * from './reminders.module.js';
export * from './reminders.service.js';
export * from './reminder.constant.js';
export * from './reminder.entity.js';
export * from './reminder.exception.js';
export * from './dto/reminder-response.dto.js';
