// The one way the extension shows a notification: every message goes through notificationText, because most of
// them carry text from a file (a node id, a file name, a CSV path, a diagnostic). Items (button labels) are ours.
import * as vscode from 'vscode';
import { notificationText } from './notificationText';

export function showError(message: string, ...items: string[]): Thenable<string | undefined> {
  return vscode.window.showErrorMessage(notificationText(message), ...items);
}

export function showWarning(message: string, ...items: string[]): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(notificationText(message), ...items);
}

export function showInfo(message: string, ...items: string[]): Thenable<string | undefined> {
  return vscode.window.showInformationMessage(notificationText(message), ...items);
}

/** A modal question; the detail line is escaped too. */
export function askModal(message: string, detail: string, ...items: string[]): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(notificationText(message), { modal: true, detail: notificationText(detail) }, ...items);
}
