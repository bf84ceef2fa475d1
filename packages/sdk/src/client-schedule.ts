import { MobMethods } from './client-mob-admin.js';
import {
  parseSchedule,
  parseScheduleOccurrence,
  snakeKeys,
  type CreateScheduleRequest,
  type Schedule,
  type ScheduleListOptions,
  type ScheduleOccurrencesOptions,
  type ScheduleOccurrencesResult,
  type ScheduleToolCallRequest,
  type ScheduleToolsResult,
  type UpdateScheduleRequest,
} from './schedule.js';

/** Schedules (`schedule/*`); each raises `CapabilityUnavailableError` ('schedule') while not served. */
export class ScheduleMethods extends MobMethods {
  /** Creates a schedule (`schedule/create`; the camelCase request sent in snake_case). */
  async createSchedule(request: CreateScheduleRequest): Promise<Schedule> {
    return parseSchedule(await this.served('schedule/create', snakeKeys(request)));
  }

  /** One schedule (`schedule/get`). */
  async getSchedule(scheduleId: string): Promise<Schedule> {
    return parseSchedule(await this.served('schedule/get', { schedule_id: scheduleId }));
  }

  /** The realm's schedules (`schedule/list`; unset options omitted), as an array. */
  async listSchedules(options: ScheduleListOptions = {}): Promise<Schedule[]> {
    const raw = await this.served('schedule/list', snakeKeys(options));
    return Array.isArray(raw.schedules) ? raw.schedules.map(parseSchedule) : [];
  }

  /** Changes a schedule (`schedule/update`: `{schedule_id, …patch}`). */
  async updateSchedule(request: UpdateScheduleRequest): Promise<Schedule> {
    const params = { schedule_id: request.scheduleId, ...snakeKeys(request.update) };
    return parseSchedule(await this.served('schedule/update', params));
  }

  /** Pauses a schedule (`schedule/pause`). */
  async pauseSchedule(scheduleId: string): Promise<Schedule> {
    return parseSchedule(await this.served('schedule/pause', { schedule_id: scheduleId }));
  }

  /** Resumes a schedule (`schedule/resume`). */
  async resumeSchedule(scheduleId: string): Promise<Schedule> {
    return parseSchedule(await this.served('schedule/resume', { schedule_id: scheduleId }));
  }

  /** Deletes a schedule (`schedule/delete`; phase `deleted`). */
  async deleteSchedule(scheduleId: string): Promise<Schedule> {
    return parseSchedule(await this.served('schedule/delete', { schedule_id: scheduleId }));
  }

  /** A schedule's occurrences (`schedule/occurrences`; `include_terminal` only when given). */
  async listScheduleOccurrences(
    scheduleId: string,
    options: ScheduleOccurrencesOptions = {},
  ): Promise<ScheduleOccurrencesResult> {
    const raw = await this.served('schedule/occurrences', { schedule_id: scheduleId, ...snakeKeys(options) });
    return {
      occurrences: Array.isArray(raw.occurrences) ? raw.occurrences.map(parseScheduleOccurrence) : [],
    };
  }

  /** The schedule tools (`schedule/tools`). */
  async listScheduleTools(): Promise<ScheduleToolsResult> {
    const raw = await this.served('schedule/tools', {});
    return { tools: Array.isArray(raw.tools) ? (raw.tools as Record<string, unknown>[]) : [] };
  }

  /** Calls a schedule tool (`schedule/call`; `arguments` defaults to `{}`), raw. */
  callScheduleTool(request: ScheduleToolCallRequest): Promise<Record<string, unknown>> {
    return this.served('schedule/call', { name: request.name, arguments: request.arguments ?? {} });
  }
}
