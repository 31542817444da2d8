// Function to find the longest common prefix of two strings
function commonPrefixUtil(str1, str2) {
    let result = "";
    let n1 = str1.length, n2 = str2.length;
    // Compare str1 and str2 character by character
    for (let i = 0; i < n1 && i < n2; i++) {
        if (str1[i] != str2[i])
            break;
        result += str1[i];
    }
    return result;
}

// Function to print the longest common prefix of all the strings in arr[]
function commonPrefix(arr, n) {
    let prefix = arr[0];
    // Keep the common prefix of the result so far and the next string
    for (let i = 1; i < n; i++)
        prefix = commonPrefixUtil(prefix, arr[i]);
    if (prefix.length > 0)
        console.log("The longest common prefix is " + prefix);
    else
        console.log("There is no common prefix");
}

// Driver code
let arr = ["geeksforgeeks", "geeks", "geek", "geezer"];
commonPrefix(arr, arr.length);
let arr2 = ["dog", "racecar", "car"];
commonPrefix(arr2, arr2.length);
